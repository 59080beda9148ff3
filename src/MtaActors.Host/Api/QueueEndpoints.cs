using System.Globalization;
using Microsoft.AspNetCore.Http;
using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Queues;

namespace MtaActors.Host.Api;

/// <summary>
/// Looking into one queue: <c>GET /api/queues/{name}/messages?sender=&amp;recipient=&amp;minAgeSeconds=&amp;class=&amp;offset=&amp;limit=</c>
/// lists the messages on the work queue, the poison queue, the local store or a link, filtered and paged (Postfix's
/// <c>postqueue -j</c>, Exchange's Queue Viewer); <c>POST /api/queues/{name}/retry</c> tries one now.
/// </summary>
internal sealed class QueueEndpoints(GatewayHolder holder)
{
    /// <summary>Messages per page unless <c>?limit=</c> says otherwise.</summary>
    public const int DefaultLimit = 100;

    /// <summary>The query parameters of the listing; any other is refused before the handler runs.</summary>
    public static readonly string[] ListParameters = ["sender", "recipient", "minAgeSeconds", "class", "offset", "limit"];

    public Task ListAsync(HttpContext context)
        => WithQueue(context, async (gateway, queue) =>
        {
            if (!TryReadRequest(context.Request.Query, out var request, out var error))
            {
                await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, error);
                return;
            }

            var listing = await gateway.ListMessagesAsync(queue, request, context.RequestAborted);
            await AdminEndpoints.WriteAsync(context, StatusCodes.Status200OK, QueueListingReply.Of(listing), ApiJsonContext.Default.QueueListingReply);
        });

    /// <summary>
    /// <c>POST /api/queues/{name}/retry</c>: try the queue now (a non-secured link also hands its waiting messages back to be
    /// routed again). 200 with what it did, 409 when refused (a suspended link, the poison queue), 404 for an unknown name.
    /// </summary>
    public Task RetryAsync(HttpContext context)
        => WithQueue(context, async (gateway, queue) =>
        {
            var retried = await gateway.RetryQueueAsync(queue, context.RequestAborted);
            if (retried.Refused)
            {
                await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status409Conflict, $"cannot retry {retried.Queue}: {retried.Detail}");
                return;
            }

            await AdminEndpoints.WriteAsync(context, StatusCodes.Status200OK, retried, ApiJsonContext.Default.QueueRetried);
        });

    /// <summary>
    /// Runs <paramref name="operation"/> on the queue the route names: 503 while the engine starts or when a queue does
    /// not answer in time, 404 for a name that is no queue.
    /// </summary>
    private async Task WithQueue(HttpContext context, Func<IMtaGateway, string, Task> operation)
    {
        if (holder.Gateway is not { } gateway)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.StartingReason);
            return;
        }

        var queue = context.Request.RouteValues["name"] as string ?? "";
        if (!gateway.IsQueue(queue))
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"no queue named '{queue}'");
            return;
        }

        try
        {
            await operation(gateway, queue);
        }
        catch (MtaUnavailableException e)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.OneLine(e.Message));
        }
    }

    /// <summary>
    /// Reads the filter and the page from the query string; every error names its parameter. Unknown parameters never
    /// get here (<see cref="EndpointInputCheck"/>).
    /// </summary>
    public static bool TryReadRequest(IQueryCollection query, out ListQueue request, out string error)
    {
        request = new ListQueue(MessageFilter.Any, 0, DefaultLimit);
        error = "";
        string? Text(string name) => query.TryGetValue(name, out var value) && value.ToString().Length > 0 ? value.ToString() : null;

        TimeSpan? minAge = null;
        if (Text("minAgeSeconds") is { } age)
        {
            if (!double.TryParse(age, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0 || !double.IsFinite(seconds))
            {
                error = $"minAgeSeconds: expected seconds, 0 or more (got '{age}')";
                return false;
            }

            minAge = TimeSpan.FromSeconds(seconds);
        }

        MessageClass? messageClass = null;
        if (Text("class") is { } classText)
        {
            if (!WireNames.TryParseClass(classText, out var parsed))
            {
                error = $"class: expected {WireNames.ClassChoices} (got '{classText}')";
                return false;
            }

            messageClass = parsed;
        }

        if (!TryReadWhole(Text("offset"), "offset", 0, int.MaxValue, 0, out var offset, out error)
            || !TryReadWhole(Text("limit"), "limit", 1, ListQueue.MaxLimit, DefaultLimit, out var limit, out error))
        {
            return false;
        }

        request = new ListQueue(new MessageFilter(Text("sender"), Text("recipient"), minAge, messageClass), offset, limit);
        return true;
    }

    private static bool TryReadWhole(string? text, string name, int min, int max, int fallback, out int value, out string error)
    {
        value = fallback;
        error = "";
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        error = $"{name}: expected a whole number from {min} to {max} (got '{text}')";
        return false;
    }
}
