using MtaActors.Core.Messages;
using MtaActors.Engine.Delivery;

namespace MtaActors.Engine.Transports;

/// <summary>
/// What every receiving end does with a batch: verify each checksum (one damaged envelope refuses the whole batch,
/// so nothing damaged is ever delivered), then record it idempotently in the sink.
/// </summary>
internal static class SinkDelivery
{
    public static async Task<TransferOutcome> DeliverAsync(DeliverySink sink, IReadOnlyList<Envelope> batch, CancellationToken cancellationToken)
    {
        foreach (var envelope in batch)
        {
            var message = envelope.Message;
            if (ContentChecksum.Compute(message) != message.ContentChecksum)
            {
                return new TransferOutcome.Failure(TransferFailure.Corrupt, $"checksum mismatch on {message.Id}");
            }
        }

        try
        {
            var duplicates = await sink.RecordAsync(batch, cancellationToken);
            return duplicates == 0 ? TransferOutcome.Success.Clean : new TransferOutcome.Success(duplicates);
        }
        catch (IOException exception)
        {
            // The far end's store failed: a link failure to retry, not a poison message to quarantine.
            return new TransferOutcome.Failure(TransferFailure.Transient, $"{sink.Name} could not record the batch: {exception.Message}");
        }
        catch (ObjectDisposedException)
        {
            return new TransferOutcome.Failure(TransferFailure.Transient, $"{sink.Name} is closed");
        }
    }
}
