using System.Diagnostics;
using MtaActors.Core.Messages;
using MtaActors.Engine.Transports;

namespace MtaActors.Host.Bench;

/// <summary>
/// Submit and delivery time of every message of one run, in <see cref="Stopwatch"/> ticks. In-process engines tell
/// it of each batch their simulated sites acknowledged (<see cref="IDeliveryObserver"/>), so every message gets its
/// own delivery time; against a daemon over HTTP only per-site counts are visible, and <see cref="DeliveredBySiteCount"/>
/// attributes them to that site's messages in submission order at the moment the count was read. Only the first
/// delivery of a message counts (a retried batch may arrive twice; the site suppresses the duplicate).
/// </summary>
internal sealed class DeliveryTracker : IDeliveryObserver
{
    private readonly LoadPlan _plan;
    private readonly long[] _submitted;
    private readonly long[] _delivered;
    private readonly long[] _deliveredPerTarget;
    private readonly Dictionary<string, int[]> _seqsBySite;
    private readonly Dictionary<string, long> _attributedBySite;
    private long _deliveredTotal;
    private long _submittedCount;

    public DeliveryTracker(LoadPlan plan)
    {
        _plan = plan;
        _submitted = new long[plan.Count];
        _delivered = new long[plan.Count];
        _deliveredPerTarget = new long[plan.Targets.Length];
        _seqsBySite = Enumerable.Range(0, plan.Count)
            .GroupBy(seq => plan.Targets[plan.TargetOf(seq)].Site, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        _attributedBySite = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
    }

    public long DeliveredTotal => Interlocked.Read(ref _deliveredTotal);

    public long SubmittedCount => Interlocked.Read(ref _submittedCount);

    public long DeliveredTo(int target) => Interlocked.Read(ref _deliveredPerTarget[target]);

    public void Submitted(int firstSeq, int count, long ticks)
    {
        for (var seq = firstSeq; seq < firstSeq + count; seq++)
        {
            _submitted[seq] = ticks;
        }

        Interlocked.Add(ref _submittedCount, count);
    }

    public void Delivered(string link, IReadOnlyList<Envelope> batch)
    {
        var now = Stopwatch.GetTimestamp();
        foreach (var envelope in batch)
        {
            var seq = _plan.SeqOf(envelope.MessageId);
            if (seq >= 0)
            {
                MarkDelivered(seq, now);
            }
        }
    }

    /// <summary>Over HTTP: the site now counts <paramref name="distinctSinceStart"/> deliveries of this run; the oldest unattributed messages bound there take them.</summary>
    public void DeliveredBySiteCount(string site, long distinctSinceStart, long ticks)
    {
        if (!_seqsBySite.TryGetValue(site, out var seqs))
        {
            return;
        }

        var done = _attributedBySite.GetValueOrDefault(site);
        var upTo = Math.Min(distinctSinceStart, seqs.Length);
        for (var i = done; i < upTo; i++)
        {
            MarkDelivered(seqs[i], ticks);
        }

        _attributedBySite[site] = Math.Max(done, upTo);
    }

    public long SubmittedAt(int seq) => _submitted[seq];

    /// <summary>Delivery time of a message, 0 when it was not delivered.</summary>
    public long DeliveredAt(int seq) => Volatile.Read(ref _delivered[seq]);

    private void MarkDelivered(int seq, long ticks)
    {
        if (Interlocked.CompareExchange(ref _delivered[seq], ticks, 0) == 0)
        {
            Interlocked.Increment(ref _deliveredPerTarget[_plan.TargetOf(seq)]);
            Interlocked.Increment(ref _deliveredTotal);
        }
    }
}
