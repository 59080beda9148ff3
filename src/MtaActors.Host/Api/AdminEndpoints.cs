using System.Collections.Immutable;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;

namespace MtaActors.Host.Api;

/// <summary>
/// The request handlers behind <see cref="AdminApi"/>. Plain <see cref="RequestDelegate"/>s that read the body as bytes
/// into typed contracts (<see cref="SubmissionParser"/>) rather than model binding, so every 400 names its field.
/// </summary>
internal sealed class AdminEndpoints(GatewayHolder holder)
{
    internal const string StartingReason = "the engine is starting";

    public Task HealthAsync(HttpContext context)
        => holder.Gateway is { IsAcceptingMail: true } gateway
            ? WriteAsync(context, StatusCodes.Status200OK, new HealthReply("ok", gateway.Administration.Disabled, gateway.GetStatistics().Quarantined), ApiJsonContext.Default.HealthReply)
            : WriteAsync(context, StatusCodes.Status503ServiceUnavailable, new HealthReply("starting"), ApiJsonContext.Default.HealthReply);

    public async Task SubmitOneAsync(HttpContext context)
    {
        if (!TryGetAcceptingGateway(context, out var gateway, out var refusal))
        {
            await refusal;
            return;
        }

        if (await RequestBody.ReadRequiredAsync(context) is not { } body)
        {
            return;
        }

        if (!SubmissionParser.TryParseMessage(body, out var draft, out var error)
            || !TryCreate(gateway, draft, "", out var message, out error))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, error!);
            return;
        }

        var results = await SubmitAsync(context, gateway, [message!]);
        if (!results.IsDefault)
        {
            await SubmissionReplies.WriteOneAsync(context, results[0]);
        }
    }

    public async Task SubmitBatchAsync(HttpContext context)
    {
        if (!TryGetAcceptingGateway(context, out var gateway, out var refusal))
        {
            await refusal;
            return;
        }

        if (await RequestBody.ReadRequiredAsync(context) is not { } body)
        {
            return;
        }

        if (!SubmissionParser.TryParseBatch(body, out var drafts, out var error))
        {
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, error!);
            return;
        }

        var messages = new Message[drafts.Length];
        for (var i = 0; i < drafts.Length; i++)
        {
            if (!TryCreate(gateway, drafts[i], $"[{i}].", out var message, out error))
            {
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, error!);
                return;
            }

            messages[i] = message!;
        }

        var results = await SubmitAsync(context, gateway, messages);
        if (!results.IsDefault)
        {
            await SubmissionReplies.WriteBatchAsync(context, results);
        }
    }

    public async Task QueuesAsync(HttpContext context)
    {
        if (holder.Gateway is not { } gateway)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, StartingReason);
            return;
        }

        IReadOnlyList<QueueStatus> queues;
        try
        {
            queues = await gateway.GetQueuesAsync(context.RequestAborted);
        }
        catch (MtaUnavailableException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, OneLine(e.Message));
            return;
        }

        await WriteAsync(context, StatusCodes.Status200OK, queues, ApiJsonContext.Default.IReadOnlyListQueueStatus);
    }

    public Task StatisticsAsync(HttpContext context)
        => holder.Gateway is { } gateway
            ? WriteAsync(context, StatusCodes.Status200OK, gateway.GetStatistics(), ApiJsonContext.Default.MtaStatistics)
            : WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, StartingReason);

    public Task SitesAsync(HttpContext context)
        => holder.Gateway is { } gateway
            ? WriteAsync(context, StatusCodes.Status200OK, gateway.GetSites(), ApiJsonContext.Default.IReadOnlyListSiteCounters)
            : WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, StartingReason);

    internal static Task WriteAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> type)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(value, type, contentType: null, context.RequestAborted);
    }

    internal static Task WriteErrorAsync(HttpContext context, int status, string reason)
        => WriteAsync(context, status, new ErrorReply(reason), ApiJsonContext.Default.ErrorReply);

    internal static string OneLine(string text)
        => text.ReplaceLineEndings(" ").Trim();

    private bool TryGetAcceptingGateway(HttpContext context, out IMtaGateway gateway, out Task refusal)
    {
        if (holder.Gateway is { IsAcceptingMail: true } accepting)
        {
            gateway = accepting;
            refusal = Task.CompletedTask;
            return true;
        }

        gateway = null!;
        refusal = WriteErrorAsync(
            context,
            StatusCodes.Status503ServiceUnavailable,
            holder.Gateway is null ? StartingReason : "the engine is not accepting mail (starting or stopping)");
        return false;
    }

    private static bool TryCreate(IMtaGateway gateway, MessageDraft draft, string prefix, out Message? message, out string? error)
    {
        if (MessageFactory.TryCreate(draft, gateway.Time.GetUtcNow(), gateway.DefaultExpiry, out message, out error))
        {
            return true;
        }

        error = prefix + error;
        return false;
    }

    /// <summary>Submits, or answers 503 and returns a default array when the engine cannot accept in time.</summary>
    private static async Task<ImmutableArray<SubmittedMessage>> SubmitAsync(HttpContext context, IMtaGateway gateway, IReadOnlyList<Message> messages)
    {
        try
        {
            return await gateway.SubmitAsync(messages, context.RequestAborted);
        }
        catch (MtaUnavailableException e)
        {
            await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, OneLine(e.Message));
            return default;
        }
    }
}
