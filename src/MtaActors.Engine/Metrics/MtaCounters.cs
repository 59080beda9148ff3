using MtaActors.Engine.Gateway;

namespace MtaActors.Engine.Metrics;

/// <summary>
/// Engine-wide counters, written by the actors that own each fact and read by the API without asking any actor
/// (a stuck link must never make the statistics hang).
/// </summary>
public sealed class MtaCounters
{
    private long _accepted;
    private long _delivered;
    private long _nonDelivered;
    private long _rerouted;
    private long _duplicatesSuppressed;
    private long _submissionsDeduplicated;
    private int _workQueueLength;
    private int _quarantined;

    public void AddAccepted(long count) => Interlocked.Add(ref _accepted, count);

    public void AddDelivered(long count) => Interlocked.Add(ref _delivered, count);

    public void AddNonDelivered(long count) => Interlocked.Add(ref _nonDelivered, count);

    public void AddRerouted(long count) => Interlocked.Add(ref _rerouted, count);

    public void AddDuplicatesSuppressed(long count) => Interlocked.Add(ref _duplicatesSuppressed, count);

    public void AddSubmissionsDeduplicated(long count) => Interlocked.Add(ref _submissionsDeduplicated, count);

    public void SetWorkQueueLength(int length) => Volatile.Write(ref _workQueueLength, length);

    public void SetQuarantined(int count) => Volatile.Write(ref _quarantined, count);

    public MtaStatistics Snapshot() => new(
        Interlocked.Read(ref _accepted),
        Interlocked.Read(ref _delivered),
        Interlocked.Read(ref _nonDelivered),
        Interlocked.Read(ref _rerouted),
        Interlocked.Read(ref _duplicatesSuppressed),
        Volatile.Read(ref _workQueueLength),
        Volatile.Read(ref _quarantined),
        Interlocked.Read(ref _submissionsDeduplicated));
}
