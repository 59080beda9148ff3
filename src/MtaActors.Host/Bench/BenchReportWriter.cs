using System.Globalization;
using Spectre.Console;

namespace MtaActors.Host.Bench;

/// <summary>Renders a <see cref="BenchReport"/> as readable Spectre.Console tables.</summary>
internal static class BenchReportWriter
{
    public static void Write(IAnsiConsole console, BenchReport report)
    {
        var s = report.Settings;
        console.WriteLine(
            $"mta bench: {s.Target}, {s.Links} links ({s.Topology}, secured fraction {N(s.SecuredFraction, 2)}), {s.Messages} messages of {s.SizeBytes} B, " +
            (s.Target.StartsWith("smtp:", StringComparison.Ordinal) ? $"{s.Batch} per session, {s.InFlight} sessions, " : $"batch {s.Batch}, in flight {s.InFlight}, ") +
            $"{(s.Rate is { } rate ? $"rate {N(rate, 0)}/s" : "closed loop")}, priority mix {s.PriorityMix}, journal {s.Journal}" +
            (s.Faults.Count > 0 ? $", faults {string.Join(' ', s.Faults)}" : "") + $", {s.ProcessorCount} cores");
        if (report.Run is { } run)
        {
            WriteRun(console, run);
        }

        foreach (var comparison in report.Comparisons ?? [])
        {
            WriteComparison(console, comparison);
        }
    }

    private static void WriteRun(IAnsiConsole console, RunFigures run)
    {
        var table = new Table().Title($"{run.Engine} run").AddColumn("figure").AddColumn(new TableColumn("value").RightAligned());
        table.AddRow("accepted", $"{run.Accepted} in {N(run.AcceptSeconds, 3)} s = {N(run.AcceptedPerSecond, 0)} msg/s");
        table.AddRow("delivered", $"{run.Delivered} in {N(run.DeliverSeconds, 3)} s = {N(run.DeliveredPerSecond, 0)} msg/s");
        if (run.Faults.Count > 0)
        {
            table.AddRow("healthy links delivered", $"{run.HealthyDelivered} of {run.HealthyExpected} in {N(run.HealthySeconds, 3)} s = {N(run.HealthyPerSecond, 0)} msg/s");
        }

        var l = run.Latency;
        table.AddRow("latency ms p50 / p90 / p99 / p99.9 / max", $"{N(l.P50Ms, 2)} / {N(l.P90Ms, 2)} / {N(l.P99Ms, 2)} / {N(l.P999Ms, 2)} / {N(l.MaxMs, 2)}");
        table.AddRow("peak work-queue length", run.PeakWorkQueueLength.ToString(CultureInfo.InvariantCulture));
        table.AddRow("peak link-queue total", run.PeakLinkQueuesLength.ToString(CultureInfo.InvariantCulture));
        table.AddRow("peak working set", $"{N(run.PeakWorkingSetBytes / 1048576.0, 1)} MiB");
        if (run.QueuedAtEnd is { Messages: > 0 } queued)
        {
            table.AddRow("queued at end", queued.BytesPerMessage is { } perMessage
                ? $"{queued.Messages}; heap +{N(queued.HeapGrowthBytes!.Value / 1048576.0, 1)} MiB = {N(perMessage, 0)} B per queued message"
                : queued.Messages.ToString(CultureInfo.InvariantCulture));
        }

        table.AddRow("process CPU", $"{N(run.CpuSeconds, 2)} s = {N(run.CpuSeconds > 0 ? run.Delivered / run.CpuSeconds : 0, 0)} delivered msg per CPU-second");
        table.AddRow("GC gen0 / gen1 / gen2", $"{run.Gc.Gen0} / {run.Gc.Gen1} / {run.Gc.Gen2}");
        table.AddRow("sites recorded", run.SitesRecorded.ToString(CultureInfo.InvariantCulture));
        table.AddRow("complete", run.HealthyComplete ? "yes" : run.TimedOut ? "no (timed out)" : "no");
        console.Write(table);
        console.Write(LinkTable(run));
    }

    private static Table LinkTable(RunFigures run)
    {
        var table = new Table().Title($"{run.Engine}: links")
            .AddColumn("link").AddColumn("kind").AddColumn("secured").AddColumn("fault")
            .AddColumn(new TableColumn("delivered").RightAligned()).AddColumn(new TableColumn("msg/s").RightAligned()).AddColumn("state");
        // A thousand-link run would print a thousand rows: the first ones, then the rest summed.
        const int shown = 20;
        foreach (var link in run.Links.Count > shown + 4 ? run.Links.Take(shown) : run.Links)
        {
            table.AddRow(
                link.Name, link.Kind, link.Secured ? "yes" : "no", link.Faulted ? (run.Faults.Count > 0 ? "yes" : "(excluded)") : "",
                $"{link.Delivered}/{link.Expected}", N(link.PerSecond, 0), link.State);
        }

        if (run.Links.Count > shown + 4)
        {
            var rest = run.Links.Skip(shown).ToList();
            var states = string.Join(", ", rest.GroupBy(l => l.State).Select(g => $"{g.Key} {g.Count()}"));
            table.AddRow($"… {rest.Count} more", "", "", "", $"{rest.Sum(l => l.Delivered)}/{rest.Sum(l => l.Expected)}", "", states);
        }

        return table;
    }

    private static void WriteComparison(IAnsiConsole console, EngineComparison comparison)
    {
        var table = new Table().Title($"{comparison.Engine}: healthy links, no fault vs with fault")
            .AddColumn("pair")
            .AddColumn(new TableColumn("no fault msg/s").RightAligned())
            .AddColumn(new TableColumn("with fault msg/s").RightAligned())
            .AddColumn(new TableColumn("ratio").RightAligned())
            .AddColumn(new TableColumn("healthy delivered (with fault)").RightAligned());
        var number = 0;
        foreach (var pair in comparison.Pairs)
        {
            table.AddRow(
                (++number).ToString(CultureInfo.InvariantCulture),
                N(pair.NoFault.HealthyPerSecond, 0),
                N(pair.WithFault.HealthyPerSecond, 0),
                N(pair.HealthyRatio, 3),
                $"{pair.WithFault.HealthyDelivered}/{pair.WithFault.HealthyExpected}{(pair.WithFault.TimedOut ? " (timed out)" : "")}");
        }

        table.AddRow("median", "", "", N(comparison.MedianHealthyRatio, 3), "");
        console.Write(table);
        if (comparison.Pairs.Count > 0)
        {
            console.Write(LinkTable(comparison.Pairs[^1].WithFault));
        }
    }

    private static string N(double value, int decimals) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
