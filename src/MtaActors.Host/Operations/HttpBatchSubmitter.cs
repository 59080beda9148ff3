using System.Net;
using System.Text.Json;
using MtaActors.Host.Commands;

namespace MtaActors.Host.Operations;

/// <summary>
/// Replays chunks through <c>POST /api/messages/batch</c>, keeping every message's id (the receivers de-duplicate by id
/// and recipient, so a chunk replayed twice delivers once). Only the submission fields go on the wire.
/// </summary>
internal sealed class HttpBatchSubmitter(DaemonEndpoint daemon) : IBatchSubmitter, IDisposable
{
    private readonly AdminClient _client = new(daemon);

    public async Task<BatchOutcome> SubmitAsync(IReadOnlyList<ArchivedMessage> chunk, CancellationToken cancellationToken)
    {
        ApiReply reply;
        try
        {
            reply = await _client.SendAsync(HttpMethod.Post, "api/messages/batch", Body(chunk), cancellationToken);
        }
        catch (DaemonUnreachableException e)
        {
            return BatchOutcome.Unavailable(e.Message);
        }

        return reply.Status switch
        {
            HttpStatusCode.Accepted or HttpStatusCode.OK => BatchOutcome.Accepted,
            HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests => BatchOutcome.Unavailable(reply.ErrorReason),
            _ => BatchOutcome.Rejected(reply.ErrorReason),
        };
    }

    public void Dispose() => _client.Dispose();

    internal static string Body(IReadOnlyList<ArchivedMessage> chunk)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var message in chunk)
            {
                writer.WriteStartObject();
                writer.WriteString("id", message.Id);
                writer.WriteString("from", message.From);
                writer.WriteStartArray("to");
                foreach (var recipient in message.To)
                {
                    writer.WriteStringValue(recipient);
                }

                writer.WriteEndArray();
                writer.WriteString("priority", message.Priority);
                writer.WriteString("class", message.Class);
                writer.WriteString("subject", message.Subject);
                writer.WriteString("body", message.Body);
                writer.WriteNumber("sizeBytes", message.SizeBytes);
                if (message.DeferredUntil is { } deferred)
                {
                    writer.WriteString("deferredUntil", deferred);
                }

                if (message.ExpiresAt is { } expires)
                {
                    writer.WriteString("expiresAt", expires);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
