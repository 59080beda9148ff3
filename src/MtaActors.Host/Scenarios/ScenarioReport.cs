using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using MtaActors.Host.Commands;

namespace MtaActors.Host.Scenarios;

/// <summary>Renders a <see cref="ScenarioResult"/>: a readable report, or the same content as JSON for scripts.</summary>
public static class ScenarioReport
{
    public static void WriteText(ScenarioResult result, TextWriter output)
    {
        var scenario = result.Scenario;
        var history = result.History;
        var submissions = history.Submissions.ToList();
        output.WriteLine($"scenario {scenario.Name}: {scenario.Description}");
        output.WriteLine(Invariant($"seed: {history.Seed} (replay the same draws with --seed {history.Seed})"));
        output.WriteLine(Invariant($"load: {scenario.Load.Rate:0.#} msg/s for {scenario.Load.DurationSeconds * result.TimeScale:0.#} s (baseline {scenario.BaselineSeconds * result.TimeScale:0.#} s); {submissions.Count} sent, {Count(submissions, SubmissionResult.Accepted)} accepted, {Count(submissions, SubmissionResult.Rejected)} refused, {Count(submissions, SubmissionResult.Indeterminate)} indeterminate; load ended at {history.LoadEnded:0.0} s, drained at {history.DrainEnded:0.0} s"));
        output.WriteLine();

        var streams = new PlainTable("STREAM", "ACCEPTED", "DELIVERED", "BASELINE/S", "FAULT/S", "P50MS", "P90MS", "P99MS", "MAXMS");
        foreach (var f in StreamFigures.From(scenario, history, result.TimeScale))
        {
            streams.Add(f.Stream, Num(f.Accepted), Num(f.Delivered), Num(f.BaselineRate, "0.0"), Num(f.FaultRate, "0.0"), Num(f.P50, "0"), Num(f.P90, "0"), Num(f.P99, "0"), Num(f.Max, "0"));
        }

        streams.WriteTo(output);
        output.WriteLine();

        output.WriteLine("timeline:");
        foreach (var action in history.Actions)
        {
            output.WriteLine(Invariant($"  {action.At,6:0.0}s  {action.Description}: {action.Result}"));
        }

        if (!history.Flushes.IsEmpty)
        {
            var flushes = history.Flushes.ToList();
            output.WriteLine(Invariant($"  flushes: {flushes.Count} answered, {string.Join(", ", flushes.GroupBy(f => f.Outcome).Select(g => $"{g.Count()} {g.Key}"))}; slowest {flushes.Max(f => f.Milliseconds):0} ms"));
        }

        output.WriteLine();
        output.WriteLine("state changes (GET /api/queues every 250 ms):");
        var changes = result.StateChanges();
        if (changes.IsEmpty)
        {
            output.WriteLine("  none");
        }

        foreach (var (at, queue, from, to, length) in changes)
        {
            output.WriteLine(Invariant($"  {at,6:0.0}s  {queue}: {from} -> {to} (length {length})"));
        }

        output.WriteLine();
        output.WriteLine("invariants:");
        foreach (var invariant in result.Invariants)
        {
            output.WriteLine($"  {(invariant.Passed ? "PASS" : "FAIL")}  {invariant.Kind}: {invariant.Evidence}");
        }

        output.WriteLine();
        output.WriteLine(result.Passed ? $"{scenario.Name}: PASS" : $"{scenario.Name}: FAIL ({string.Join(", ", result.Invariants.Where(i => !i.Passed).Select(i => i.Kind))})");
    }

    public static void WriteJson(ScenarioResult result, TextWriter output)
    {
        var history = result.History;
        var submissions = history.Submissions.ToList();
        var json = new JsonObject
        {
            ["scenario"] = result.Scenario.Name,
            ["passed"] = result.Passed,
            ["timeScale"] = result.TimeScale,
            ["seed"] = history.Seed,
            ["load"] = new JsonObject
            {
                ["sent"] = submissions.Count,
                ["accepted"] = Count(submissions, SubmissionResult.Accepted),
                ["refused"] = Count(submissions, SubmissionResult.Rejected),
                ["indeterminate"] = Count(submissions, SubmissionResult.Indeterminate),
                ["loadEndedSeconds"] = history.LoadEnded,
                ["drainEndedSeconds"] = history.DrainEnded,
            },
            ["streams"] = new JsonArray([.. StreamFigures.From(result.Scenario, history, result.TimeScale).Select(f => (JsonNode)new JsonObject
            {
                ["stream"] = f.Stream,
                ["accepted"] = f.Accepted,
                ["delivered"] = f.Delivered,
                ["baselinePerSecond"] = Finite(f.BaselineRate),
                ["faultPerSecond"] = Finite(f.FaultRate),
                ["p50Ms"] = Finite(f.P50),
                ["p90Ms"] = Finite(f.P90),
                ["p99Ms"] = Finite(f.P99),
                ["maxMs"] = Finite(f.Max),
            })]),
            ["timeline"] = new JsonArray([.. history.Actions.Select(a => (JsonNode)new JsonObject { ["at"] = a.At, ["action"] = a.Description, ["ms"] = a.Milliseconds, ["result"] = a.Result })]),
            ["flushes"] = new JsonArray([.. history.Flushes.Select(f => (JsonNode)new JsonObject { ["at"] = f.At, ["link"] = f.Link, ["ms"] = f.Milliseconds, ["outcome"] = f.Outcome, ["requested"] = f.Requested, ["delivered"] = f.Delivered })]),
            ["stateChanges"] = new JsonArray([.. result.StateChanges().Select(c => (JsonNode)new JsonObject { ["at"] = c.At, ["queue"] = c.Queue, ["from"] = c.From, ["to"] = c.To, ["length"] = c.Length })]),
            ["invariants"] = new JsonArray([.. result.Invariants.Select(i => (JsonNode)new JsonObject { ["kind"] = i.Kind, ["passed"] = i.Passed, ["evidence"] = i.Evidence })]),
        };
        output.WriteLine(json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static int Count(List<Submission> submissions, SubmissionResult result) => submissions.Count(s => s.Result == result);

    private static double? Finite(double value) => double.IsFinite(value) ? Math.Round(value, 1) : null;

    private static string Num(double value, string format = "0") => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
