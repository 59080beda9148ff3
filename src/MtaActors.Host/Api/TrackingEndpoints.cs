using Microsoft.AspNetCore.Http;
using MtaActors.Host.Tracking;

namespace MtaActors.Host.Api;

/// <summary>
/// <c>GET /api/messages/{id}/track</c>: a message's history from the daemon's own tracking log, the reports made about
/// it included (what <c>mta track</c> reads from the data folder, for callers that only reach the API). Without a data
/// folder (an API over no engine of its own) nothing is tracked, and every id is 404.
/// </summary>
internal sealed class TrackingEndpoints(string? dataDirectory)
{
    public async Task TrackAsync(HttpContext context, string id)
    {
        var folder = Path.Combine(dataDirectory ?? "", TrackingLog.FolderName);
        var entries = dataDirectory is not null && Directory.Exists(folder) ? (await TrackingLogReader.FindAsync(folder, id, context.RequestAborted)).Entries : [];
        if (entries.IsEmpty)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"no tracking entries for message {id}");
            return;
        }

        await AdminEndpoints.WriteAsync(
            context,
            StatusCodes.Status200OK,
            [.. entries.Select(e => new TrackingReply(e.At, e.Event, e.MessageId, e.Queue, e.Recipients, e.Detail))],
            ApiJsonContext.Default.IReadOnlyListTrackingReply);
    }
}
