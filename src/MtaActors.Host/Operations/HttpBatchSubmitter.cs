using System.Net;
using MtaActors.Host.Api;
using MtaActors.Host.Client;

namespace MtaActors.Host.Operations;

/// <summary>
/// Replays chunks through <c>POST /api/messages/batch</c>, keeping every message's id (the receivers de-duplicate by id
/// and recipient, so a chunk replayed twice delivers once). Only the submission fields go on the wire.
/// </summary>
internal sealed class HttpBatchSubmitter(DaemonEndpoint daemon) : IBatchSubmitter, IDisposable
{
    private readonly MtaAdminClient _client = new(daemon);

    public async Task<BatchOutcome> SubmitAsync(IReadOnlyList<ArchivedMessage> chunk, CancellationToken cancellationToken)
    {
        try
        {
            await _client.SubmitBatchAsync([.. chunk.Select(Submission)], cancellationToken);
            return BatchOutcome.Accepted;
        }
        catch (DaemonUnreachableException e)
        {
            return BatchOutcome.Unavailable(e.Message);
        }
        catch (AdminApiException e) when (e.Status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
        {
            return BatchOutcome.Unavailable(e.Reason);
        }
        catch (AdminApiException e)
        {
            return BatchOutcome.Rejected(e.Reason);
        }
    }

    public void Dispose() => _client.Dispose();

    internal static SubmissionContract Submission(ArchivedMessage message) => new()
    {
        Id = message.Id,
        From = message.From,
        To = message.To,
        Priority = message.Priority,
        Class = message.Class,
        Subject = message.Subject,
        Body = message.Body,
        SizeBytes = message.SizeBytes,
        DeferredUntil = message.DeferredUntil,
        ExpiresAt = message.ExpiresAt,
    };
}
