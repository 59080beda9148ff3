using System.Collections.Immutable;
using System.Globalization;
using MtaActors.Host.Reports;

namespace MtaActors.Host.Scenarios;

/// <summary>
/// A scenario run as an HTML report (<c>mta scenario run FILE --html report.html</c>): deliveries per link (from the
/// daemon's metrics, sampled with the queues) and per site (from the delivery logs) over time,
/// latency percentiles over time, queue lengths over time, the faults as bands and the timeline's actions as markers,
/// and each invariant with its evidence. Built only from the run's <see cref="ScenarioHistory"/>, as the checks are.
/// </summary>
public static class ScenarioHtmlReport
{
    /// <summary>At most this many points per series: a long run gets wider buckets.</summary>
    private const int MaxBuckets = 300;

    public static HtmlReportModel Build(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var history = result.History;
        var end = Math.Max(history.DrainEnded, Math.Max(history.LoadEnded, 1));
        var bucket = Math.Max(0.5, Math.Ceiling(end / MaxBuckets * 2) / 2);
        var count = (int)Math.Ceiling(end / bucket) + 1;
        var seconds = Enumerable.Range(0, count).Select(i => i * bucket).ToImmutableArray();
        int Bucket(double at) => Math.Clamp((int)(at / bucket), 0, count - 1);

        var perLink = new HtmlChart(
            "Deliveries per second, per link",
            "recipients/s",
            seconds,
            [.. history.LinkDeliveries.GroupBy(d => d.Link, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .Select(link =>
                {
                    var rates = new double?[count];
                    var samples = link.OrderBy(d => d.At).ToList();
                    foreach (var (before, after) in samples.Zip(samples.Skip(1)))
                    {
                        // A restarted daemon counts from zero again: its first total is what it delivered since.
                        var delivered = after.Total >= before.Total ? after.Total - before.Total : after.Total;
                        var slot = Bucket(after.At);
                        rates[slot] = (rates[slot] ?? 0) + (delivered / bucket);
                    }

                    return new HtmlSeries(link.Key, [.. rates]);
                })
                .Where(s => s.Values.Any(v => v > 0))]);

        var delivered = history.Deliveries.Where(d => d.Delivered).ToList();
        var throughput = new HtmlChart(
            "Deliveries per second, per site",
            "recipients/s",
            seconds,
            [.. delivered.GroupBy(d => d.Site, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Select(site =>
            {
                var perBucket = new double?[count];
                Array.Fill(perBucket, 0);
                foreach (var d in site)
                {
                    perBucket[Bucket(d.SeenAt)] += 1 / bucket;
                }

                return new HtmlSeries(site.Key, [.. perBucket]);
            })]);

        var sent = history.Submissions
            .Where(s => s.Result == SubmissionResult.Accepted)
            .GroupBy(s => (s.Id, s.Recipient))
            .ToDictionary(g => g.Key, g => g.Min(s => s.SentAt));
        var latencies = new LatencyDistribution?[count];
        foreach (var d in delivered)
        {
            if (sent.TryGetValue((d.MessageId, d.Recipient), out var at))
            {
                (latencies[Bucket(d.SeenAt)] ??= new(LatencyDistribution.ChartDigits)).Record((d.SeenAt - at) * 1000);
            }
        }

        HtmlSeries Percentile(double p) => new(
            $"p{p.ToString(CultureInfo.InvariantCulture)}",
            [.. latencies.Select(l => l?.PercentileMs(p))]);
        var latency = new HtmlChart("Delivery latency percentiles (by delivery time)", "ms", seconds, [Percentile(50), Percentile(90), Percentile(99)]);

        var queues = new HtmlChart(
            "Queue lengths",
            "messages",
            seconds,
            [.. history.QueueSamples.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .OrderBy(g => g.Key == "work-queue" ? 0 : 1).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
                .Where(g => g.Any(s => s.Length > 0))
                .Select(queue =>
                {
                    var perBucket = new double?[count];
                    foreach (var sample in queue.Where(s => s.Length >= 0).OrderBy(s => s.At))
                    {
                        perBucket[Bucket(sample.At)] = sample.Length; // the last sample of each bucket
                    }

                    return new HtmlSeries(queue.Key, [.. perBucket]);
                })]);

        return new HtmlReportModel(
            $"Scenario {result.Scenario.Name}",
            result.Scenario.Description,
            result.Passed,
            [perLink, throughput, latency, queues],
            FaultBands(result, end),
            [.. history.Actions.OrderBy(a => a.At).Select(a => new HtmlMarker(a.At, $"{a.Description}: {a.Result}"))],
            [.. result.Invariants.Select(i => new HtmlVerdict(i.Kind, i.Passed, i.Evidence))],
            [
                ("sent", history.Submissions.Count.ToString(CultureInfo.InvariantCulture)),
                ("accepted", history.Submissions.Count(s => s.Result == SubmissionResult.Accepted).ToString(CultureInfo.InvariantCulture)),
                ("delivered", delivered.Count.ToString(CultureInfo.InvariantCulture)),
                ("load ended", $"{history.LoadEnded:0.0} s"),
                ("drain ended", $"{history.DrainEnded:0.0} s"),
                ("time scale", result.TimeScale.ToString(CultureInfo.InvariantCulture)),
            ]);
    }

    /// <summary>Each fault-set of the timeline until the fault-clear that lifts it (same link, same kind or all), else the end.</summary>
    private static ImmutableArray<HtmlBand> FaultBands(ScenarioResult result, double end)
    {
        var timeline = result.Scenario.Timeline.OrderBy(a => a.At).ToList();
        var bands = ImmutableArray.CreateBuilder<HtmlBand>();
        for (var i = 0; i < timeline.Count; i++)
        {
            var set = timeline[i];
            if (set.Action != TimelineActions.FaultSet)
            {
                continue;
            }

            var kind = set.Fault?["kind"]?.GetValue<string>() ?? "fault";
            var clear = timeline.Skip(i + 1).FirstOrDefault(a =>
                string.Equals(a.Link, set.Link, StringComparison.OrdinalIgnoreCase)
                && ((a.Action == TimelineActions.FaultClear && (a.Kind is null || string.Equals(a.Kind, kind, StringComparison.OrdinalIgnoreCase)))
                    || (a.Action == TimelineActions.FaultSet && string.Equals(a.Fault?["kind"]?.GetValue<string>(), kind, StringComparison.OrdinalIgnoreCase))));
            var from = set.At * result.TimeScale;
            var to = clear is null ? end : clear.At * result.TimeScale;
            bands.Add(new HtmlBand(from, Math.Max(from, to), $"{kind} on {set.Link}"));
        }

        return bands.ToImmutable();
    }
}
