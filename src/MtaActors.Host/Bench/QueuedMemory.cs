namespace MtaActors.Host.Bench;

/// <summary>
/// Messages still queued (work queue and link queues) when a run ended, and how much the managed heap grew from before
/// the first submission to then, each measured after a full collection; null over HTTP, where the heap is the daemon's.
/// </summary>
internal sealed record QueuedMemory(int Messages, long? HeapGrowthBytes)
{
    /// <summary>Heap per queued message, when both are known and something is queued.</summary>
    public double? BytesPerMessage => Messages > 0 && HeapGrowthBytes is { } growth ? (double)growth / Messages : null;
}
