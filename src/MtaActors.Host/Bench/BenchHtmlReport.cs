using System.Collections.Immutable;
using System.Globalization;
using MtaActors.Host.Reports;

namespace MtaActors.Host.Bench;

/// <summary>
/// A benchmark as an HTML report (<c>mta bench ... --html report.html</c>): for a run, deliveries per link, latency
/// percentiles and queue lengths over time with its faults as bands; for <c>--compare</c>, the same for the first
/// pair of each engine, without and with the faults. The verdicts are what decides the exit code.
/// </summary>
internal static class BenchHtmlReport
{
    public static HtmlReportModel Build(BenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Settings;
        var subtitle = string.Create(CultureInfo.InvariantCulture, $"{s.Messages:N0} messages over {s.Links} links ({s.Target}), journal {s.Journal}, {s.ProcessorCount} cores, {s.Date:yyyy-MM-dd HH:mm} UTC");
        if (report.Run is { } run)
        {
            return new HtmlReportModel(
                "mta bench",
                subtitle,
                Verdicts(run, "").All(v => v.Passed),
                [.. Charts(run, "")],
                [.. run.Faults.Select(f => new HtmlBand(0, End(run), f))],
                [new HtmlMarker(run.AcceptSeconds, "last submission accepted")],
                Verdicts(run, ""),
                Facts(run));
        }

        var pairs = report.Comparisons!.Where(c => c.Pairs.Count > 0).Select(c => (c.Engine, Pair: c.Pairs[0], c.MedianHealthyRatio)).ToList();
        var verdicts = pairs.SelectMany(p => Verdicts(p.Pair.NoFault, $"{p.Engine}, no fault: ").Concat(Verdicts(p.Pair.WithFault, $"{p.Engine}, with faults: "))).ToImmutableArray();
        return new HtmlReportModel(
            "mta bench --compare",
            subtitle,
            verdicts.All(v => v.Passed),
            [.. pairs.SelectMany(p => Charts(p.Pair.NoFault, $"{p.Engine}, no fault: ").Concat(Charts(p.Pair.WithFault, $"{p.Engine}, with faults: ")))],
            [],
            [],
            verdicts,
            [.. pairs.Select(p => ($"{p.Engine}: healthy links with faults ÷ without (median)", p.MedianHealthyRatio.ToString("P1", CultureInfo.InvariantCulture)))]);
    }

    private static double End(RunFigures run) => run.Timeline is { Seconds.IsEmpty: false } t ? t.Seconds[^1] : Math.Max(run.DeliverSeconds, run.AcceptSeconds);

    private static IEnumerable<HtmlChart> Charts(RunFigures run, string prefix)
    {
        if (run.Timeline is not { } t)
        {
            yield break;
        }

        yield return new HtmlChart($"{prefix}deliveries per second, per link", "messages/s", t.Seconds, t.PerLink);
        yield return new HtmlChart($"{prefix}delivery latency percentiles (by delivery time)", "ms", t.Seconds, t.Latency);
        yield return new HtmlChart($"{prefix}queue lengths", "messages", t.Seconds, t.Queues);
    }

    private static ImmutableArray<HtmlVerdict> Verdicts(RunFigures run, string prefix) =>
    [
        new($"{prefix}healthy links delivered everything", run.HealthyComplete, string.Create(CultureInfo.InvariantCulture, $"{run.HealthyDelivered:N0} of {run.HealthyExpected:N0} messages to links without a fault")),
        new($"{prefix}finished within the timeout", !run.TimedOut, run.TimedOut ? "the run hit --timeout before delivery ended" : string.Create(CultureInfo.InvariantCulture, $"delivery ended after {run.DeliverSeconds:0.00} s")),
        new($"{prefix}sites agree with the tracker", run.SitesRecorded >= run.Delivered, string.Create(CultureInfo.InvariantCulture, $"sites recorded {run.SitesRecorded:N0} distinct deliveries, the tracker saw {run.Delivered:N0}")),
    ];

    private static ImmutableArray<(string, string)> Facts(RunFigures run) =>
    [
        ("accepted/s", run.AcceptedPerSecond.ToString("N0", CultureInfo.InvariantCulture)),
        ("delivered/s", run.DeliveredPerSecond.ToString("N0", CultureInfo.InvariantCulture)),
        ("p99 latency", string.Create(CultureInfo.InvariantCulture, $"{run.Latency.P99Ms:0.0} ms")),
        ("peak work queue", run.PeakWorkQueueLength.ToString("N0", CultureInfo.InvariantCulture)),
        ("CPU seconds", run.CpuSeconds.ToString("0.00", CultureInfo.InvariantCulture)),
    ];
}
