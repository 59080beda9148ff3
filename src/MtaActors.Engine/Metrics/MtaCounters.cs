using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;

namespace MtaActors.Engine.Metrics;

/// <summary>
/// Engine-wide counters, written by the actors that own each fact and read by the API without asking any actor
/// (a stuck link must never make the statistics hang). Each fact is also recorded on <see cref="Instruments"/>, per
/// link, for metrics listeners; <see cref="Queues"/> holds what each queue last published of itself.
/// </summary>
public sealed class MtaCounters : IDisposable
{
    private long _accepted;
    private long _delivered;
    private long _nonDelivered;
    private long _rerouted;
    private long _duplicatesSuppressed;
    private long _submissionsDeduplicated;
    private int _workQueueLength;
    private int _quarantined;

    public MtaCounters(FaultSwitchboard? faults = null) => Instruments = new MtaInstruments(Queues, faults);

    public QueueBoard Queues { get; } = new();

    public MtaInstruments Instruments { get; }

    public void AddAccepted(long count)
    {
        Interlocked.Add(ref _accepted, count);
        Instruments.Accepted(count);
    }

    public void AddDelivered(string link, long count)
    {
        Interlocked.Add(ref _delivered, count);
        Instruments.Delivered(link, count);
    }

    public void AddNonDelivered(string link, long count)
    {
        Interlocked.Add(ref _nonDelivered, count);
        Instruments.NonDelivered(link, count);
    }

    public void AddRerouted(string link, long count)
    {
        Interlocked.Add(ref _rerouted, count);
        Instruments.Rerouted(link, count);
    }

    public void AddDuplicatesSuppressed(string link, long count)
    {
        Interlocked.Add(ref _duplicatesSuppressed, count);
        Instruments.DuplicatesSuppressed(link, count);
    }

    public void AddSubmissionsDeduplicated(long count)
    {
        Interlocked.Add(ref _submissionsDeduplicated, count);
        Instruments.SubmissionsDeduplicated(count);
    }

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

    public void Dispose() => Instruments.Dispose();
}
