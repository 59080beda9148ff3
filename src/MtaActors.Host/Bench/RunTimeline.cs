using System.Collections.Immutable;
using System.Diagnostics;
using MtaActors.Host.Reports;

namespace MtaActors.Host.Bench;

/// <summary>
/// A run over time, for <c>mta bench --html</c>: deliveries per link and latency percentiles per interval (from the
/// tracker's per-message times), and the queue samples the run took. Not part of <c>--json</c>, which stays as it is.
/// </summary>
internal sealed record RunTimeline(ImmutableArray<double> Seconds, ImmutableArray<HtmlSeries> PerLink, ImmutableArray<HtmlSeries> Latency, ImmutableArray<HtmlSeries> Queues)
{
    private const int MaxBuckets = 300;

    public static RunTimeline From(LoadPlan plan, DeliveryTracker tracker, long start, long end, IReadOnlyList<(double At, QueueSample Sample)> samples)
    {
        var duration = Math.Max(Stopwatch.GetElapsedTime(start, end).TotalSeconds, 0.001);
        var bucket = Math.Max(0.1, duration / MaxBuckets);
        var count = (int)Math.Ceiling(duration / bucket) + 1;
        int Bucket(double at) => Math.Clamp((int)(at / bucket), 0, count - 1);

        var perLink = plan.Targets.Select(_ => new double?[count]).ToArray();
        foreach (var counts in perLink)
        {
            Array.Fill(counts, 0);
        }

        var latencies = new LatencyDistribution?[count];
        for (var seq = 0; seq < plan.Count; seq++)
        {
            var delivered = tracker.DeliveredAt(seq);
            if (delivered == 0)
            {
                continue;
            }

            var at = Bucket(Stopwatch.GetElapsedTime(start, delivered).TotalSeconds);
            perLink[plan.TargetOf(seq)][at] += 1 / bucket;
            (latencies[at] ??= new(LatencyDistribution.ChartDigits)).Record(Stopwatch.GetElapsedTime(tracker.SubmittedAt(seq), delivered).TotalMilliseconds);
        }

        HtmlSeries Percentile(double p) => new($"p{p}", [.. latencies.Select(l => l?.PercentileMs(p))]);

        var workQueue = new double?[count];
        var linkQueues = new double?[count];
        foreach (var (at, sample) in samples)
        {
            workQueue[Bucket(at)] = sample.WorkQueue;
            linkQueues[Bucket(at)] = sample.LinkQueues;
        }

        return new RunTimeline(
            [.. Enumerable.Range(0, count).Select(i => i * bucket)],
            [.. plan.Targets.Select(t => new HtmlSeries(t.Link, [.. perLink[t.Index]]))],
            [Percentile(50), Percentile(90), Percentile(99)],
            [new HtmlSeries("work queue", [.. workQueue]), new HtmlSeries("link queues", [.. linkQueues])]);
    }
}
