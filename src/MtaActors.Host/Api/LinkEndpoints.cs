using System.Globalization;
using Microsoft.AspNetCore.Http;
using MtaActors.Core.Addressing;
using MtaActors.Engine.Gateway;

namespace MtaActors.Host.Api;

/// <summary>
/// Operations on one link: flush (KB924567: deliver now what it holds for a recipient, bounded, "disabled" at once on a
/// suspended link), suspend and resume. Kept small on purpose: the fuller queue operations live elsewhere.
/// </summary>
internal sealed class LinkEndpoints(GatewayHolder holder)
{
    /// <summary>How long a flush may take unless <c>?timeout=</c> says otherwise.</summary>
    public static readonly TimeSpan DefaultFlushBound = TimeSpan.FromSeconds(5);

    /// <summary>The longest bound a caller may ask for: a flush is a nudge, not a wait.</summary>
    public static readonly TimeSpan MaxFlushBound = TimeSpan.FromSeconds(60);

    private static readonly FlushContract NoRecipient = new();

    private static readonly Dictionary<string, string> RecipientExpectation = new() { ["recipient"] = "expected an address string" };

    /// <summary><c>POST /api/links/{name}/flush[?timeout=SECONDS]</c> with an optional body <c>{"recipient": "..."}</c>.</summary>
    public Task FlushAsync(HttpContext context)
        => WithLink(context, async (gateway, link) =>
        {
            if (!TryReadBound(context, out var bound, out var error))
            {
                await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, error!);
                return;
            }

            var read = await TryReadRecipientAsync(context);
            if (read.Answered)
            {
                return;
            }

            var report = await gateway.FlushAsync(link, read.Recipient, bound, context.RequestAborted);
            await AdminEndpoints.WriteAsync(context, StatusCodes.Status200OK, report, ApiJsonContext.Default.FlushReport);
        });

    /// <summary><c>POST /api/links/{name}/suspend</c>: answers the link's queue status.</summary>
    public Task SuspendAsync(HttpContext context)
        => WithLink(context, (gateway, link) => StatusAsync(context, gateway.SuspendAsync(link, "suspended by an operator", context.RequestAborted)));

    /// <summary><c>POST /api/links/{name}/resume</c>: answers the link's queue status.</summary>
    public Task ResumeAsync(HttpContext context)
        => WithLink(context, (gateway, link) => StatusAsync(context, gateway.ResumeAsync(link, context.RequestAborted)));

    private static async Task StatusAsync(HttpContext context, Task<QueueStatus> operation)
    {
        try
        {
            await AdminEndpoints.WriteAsync(context, StatusCodes.Status200OK, await operation, ApiJsonContext.Default.QueueStatus);
        }
        catch (MtaUnavailableException e)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.OneLine(e.Message));
        }
    }

    private static bool TryReadBound(HttpContext context, out TimeSpan bound, out string? error)
    {
        bound = DefaultFlushBound;
        error = null;
        var text = context.Request.Query["timeout"].ToString();
        if (text.Length == 0)
        {
            return true;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= MaxFlushBound.TotalSeconds)
        {
            bound = TimeSpan.FromSeconds(seconds);
            return true;
        }

        error = $"timeout: expected seconds, more than 0 and at most {MaxFlushBound.TotalSeconds:0} (got '{text}')";
        return false;
    }

    /// <summary>The body is optional: empty, or no recipient, means every message the link holds.</summary>
    private static async Task<RecipientRead> TryReadRecipientAsync(HttpContext context)
    {
        var (answered, request) = await RequestBody.ReadJsonAsync(context, AdminRequestJsonContext.Default.FlushContract, empty: NoRecipient, RecipientExpectation);
        if (answered)
        {
            return new RecipientRead(null, Answered: true);
        }

        if (request!.Recipient is null)
        {
            return new RecipientRead(null, Answered: false);
        }

        if (Address.TryParse(request.Recipient, out var address, out var reason))
        {
            return new RecipientRead(address, Answered: false);
        }

        await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"recipient: {reason}");
        return new RecipientRead(null, Answered: true);
    }

    private Task WithLink(HttpContext context, Func<IMtaGateway, string, Task> handle)
    {
        if (holder.Gateway is not { } gateway)
        {
            return AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.StartingReason);
        }

        var link = context.Request.RouteValues["name"] as string ?? "";
        return gateway.HasQueue(link)
            ? handle(gateway, link)
            : AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"no link named '{link}'");
    }

    /// <summary>The recipient to flush for (null: everything), or <c>Answered</c> once a bad body has been refused.</summary>
    private sealed record RecipientRead(Address? Recipient, bool Answered);
}
