using MtaActors.Engine.Links;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Engine.Persistence;

/// <summary>
/// When a persistent queue snapshots: once the items journaled since the last snapshot (messages, envelopes,
/// recipients: not events, which may each carry hundreds) reach both the minimum interval and the queue's current size.
/// Snapshot cost is proportional to the queue's size, so this keeps it amortised constant per item, and keeps what a
/// recovery reads to at most about twice what is pending. Events replayed at recovery count too, so a queue recovered
/// from a long journal snapshots straight away and the next start is short.
/// </summary>
internal sealed class SnapshotPolicy(int minInterval)
{
    private long _itemsSinceSnapshot;

    public void Recorded(object persisted) => _itemsSinceSnapshot += Weight(persisted);

    public bool Due(int queueSize) => _itemsSinceSnapshot >= Math.Max(minInterval, queueSize);

    public void Taken() => _itemsSinceSnapshot = 0;

    private static int Weight(object persisted) => Math.Max(1, persisted switch
    {
        MessagesAccepted accepted => accepted.Messages.Length,
        RecipientsAssigned assigned => assigned.Items.Length,
        RecipientsCompleted completed => completed.Completions.Length + completed.Reports.Length,
        EnvelopesEnqueued enqueued => enqueued.Envelopes.Length,
        TransferAttempted attempted => attempted.MessageIds.Length,
        EnvelopesRemoved removed => removed.MessageIds.Length,
        _ => 1,
    });
}
