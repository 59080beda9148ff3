using System.Globalization;

namespace MtaActors.Host.Scenarios;

/// <summary>
/// The invariants, each a pure function of the scenario and the recorded history (Jepsen-style: faults on a
/// timeline, then checks over everything that was observed). Evidence names counts and examples, never a bare verdict.
/// </summary>
public static class InvariantChecks
{
    public static InvariantResult Check(InvariantDefinition invariant, ScenarioDefinition scenario, ScenarioHistory history, double timeScale) => invariant.Kind switch
    {
        InvariantKinds.NoLoss => NoLoss(scenario, history),
        InvariantKinds.NoDuplicates => NoDuplicates(history),
        InvariantKinds.Isolation => Isolation(invariant, scenario, history, timeScale),
        InvariantKinds.HealthyLatency => HealthyLatency(invariant, scenario, history, timeScale),
        InvariantKinds.FailureDetected => FailureDetected(invariant, scenario, history, timeScale),
        InvariantKinds.NoStarvation => NoStarvation(invariant, history),
        InvariantKinds.FlushBounded => FlushBounded(invariant, history),
        InvariantKinds.ReplayQuarantined => ReplayQuarantined(invariant, history),
        InvariantKinds.PoisonQuarantined => PoisonQuarantined(invariant, scenario, history),
        _ => new InvariantResult(invariant.Kind, false, "unknown invariant"),
    };

    /// <summary>
    /// Every (message, recipient) the daemon acknowledged with 202 has a delivery line in some log, or waits on the poison
    /// queue (held durably for an operator: not lost, and counted apart). A message to a distribution list owes a copy
    /// to each member, expanded as the router expands it (<see cref="ExpectedDeliveries"/>).
    /// </summary>
    private static InvariantResult NoLoss(ScenarioDefinition scenario, ScenarioHistory history)
    {
        var delivered = history.Deliveries.Where(d => d.Delivered).Select(d => (d.MessageId, d.Recipient)).ToHashSet();
        var accepted = history.Submissions.Where(s => s.Result == SubmissionResult.Accepted).ToList();
        var copies = ExpectedDeliveries.Of(scenario.Topology, accepted);
        var undelivered = copies.Where(c => !delivered.Contains((c.Submission.Id, c.Recipient))).ToList();
        var quarantined = undelivered.Count(c => history.Quarantined.ContainsKey(c.Submission.Id));
        var missing = undelivered.Where(c => !history.Quarantined.ContainsKey(c.Submission.Id)).ToList();
        var indeterminate = history.Submissions.Count(s => s.Result == SubmissionResult.Indeterminate);
        var evidence = $"{accepted.Count} accepted"
            + (copies.Length != accepted.Count ? $" ({copies.Length} copies once lists are expanded)" : "")
            + $", {copies.Length - undelivered.Count} delivered, "
            + (quarantined > 0 ? $"{quarantined} on the poison queue, " : "")
            + $"{missing.Count} missing"
            + (indeterminate > 0 ? $" ({indeterminate} indeterminate submissions not required)" : "")
            + (missing.Count > 0 ? $"; e.g. {string.Join(", ", missing.Take(3).Select(m => $"{m.Submission.Id} to {m.Recipient}"))}" : "");
        return new InvariantResult(InvariantKinds.NoLoss, missing.Count == 0 && accepted.Count > 0, accepted.Count == 0 ? "nothing was accepted" : evidence);
    }

    /// <summary>
    /// Q271905: the replays quarantined exactly <c>count</c> messages (the planted poison) and accepted every other
    /// message of the archive, leaving none untried. Delivery of what was accepted is no-loss's business.
    /// </summary>
    private static InvariantResult ReplayQuarantined(InvariantDefinition invariant, ScenarioHistory history)
    {
        var replays = history.Replays.ToList();
        if (replays.Count == 0)
        {
            return new InvariantResult(InvariantKinds.ReplayQuarantined, false, "no replay ran (see the timeline)");
        }

        var total = replays.Sum(r => r.Total);
        var accepted = replays.Sum(r => r.Accepted);
        var quarantined = replays.Sum(r => r.Quarantined);
        var notTried = replays.Sum(r => r.NotTried);
        var planted = replays.Sum(r => r.PlantedPoison);
        var passed = quarantined == invariant.Count && accepted + quarantined == total && notTried == 0;
        var evidence = $"{total} archived messages replayed in {replays.Count} run(s): {accepted} accepted, {quarantined} quarantined (expected {invariant.Count}; {planted} poison planted), {notTried} not tried, {replays.Sum(r => r.Splits)} rejected chunks split";
        return new InvariantResult(InvariantKinds.ReplayQuarantined, passed, evidence);
    }

    /// <summary>
    /// A poison message crashes its link's session, so it must end on the poison queue, undelivered, and nothing else may:
    /// every accepted message of the poison streams sent after the first crash fault was set is quarantined and none of
    /// them delivered (one sent before may have gone through already, or may be caught); no message of another stream is.
    /// </summary>
    private static InvariantResult PoisonQuarantined(InvariantDefinition invariant, ScenarioDefinition scenario, ScenarioHistory history)
    {
        var crash = scenario.Timeline.FirstOrDefault(a => a.Action == TimelineActions.FaultSet && string.Equals(a.Fault?["kind"]?.GetValue<string>(), "crash", StringComparison.OrdinalIgnoreCase));
        if (crash is null)
        {
            return new InvariantResult(InvariantKinds.PoisonQuarantined, false, "the timeline never sets a crash fault");
        }

        var since = history.Actions.FirstOrDefault(a => a.Description == crash.Describe())?.At ?? double.MaxValue;
        var poison = invariant.Streams.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var accepted = history.Submissions.Where(s => s.Result == SubmissionResult.Accepted).ToList();
        var poisonIds = accepted.Where(s => poison.Contains(s.Stream)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var expected = accepted.Where(s => poison.Contains(s.Stream) && s.SentAt >= since).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var delivered = history.Deliveries.Where(d => d.Delivered).Select(d => d.MessageId).ToHashSet(StringComparer.Ordinal);
        var notQuarantined = expected.Where(id => !history.Quarantined.ContainsKey(id)).ToList();
        var poisonDelivered = expected.Count(delivered.Contains);
        var innocent = history.Quarantined.Keys.Where(id => !poisonIds.Contains(id)).ToList();
        var passed = expected.Count > 0 && notQuarantined.Count == 0 && poisonDelivered == 0 && innocent.Count == 0;
        var evidence = string.Create(CultureInfo.InvariantCulture, $"{expected.Count} poison messages accepted after the crash fault at {since:0.0} s, {expected.Count - notQuarantined.Count} on the poison queue, {poisonDelivered} delivered; {innocent.Count} other messages quarantined")
            + (notQuarantined.Count > 0 ? $"; not quarantined e.g. {string.Join(", ", notQuarantined.Take(3))}" : "")
            + (innocent.Count > 0 ? $"; wrongly quarantined e.g. {string.Join(", ", innocent.Take(3))}" : "");
        return new InvariantResult(InvariantKinds.PoisonQuarantined, passed, expected.Count == 0 ? "no poison message was accepted" : evidence);
    }

    /// <summary>No (message, recipient) has two delivery lines: retransmissions must be suppressed (S lines), not delivered.</summary>
    private static InvariantResult NoDuplicates(ScenarioHistory history)
    {
        var twice = history.Deliveries.Where(d => d.Delivered)
            .GroupBy(d => (d.MessageId, d.Recipient))
            .Where(g => g.Count() > 1)
            .ToList();
        var suppressed = history.Deliveries.Count(d => !d.Delivered);
        var evidence = $"{twice.Count} (message, recipient) pairs delivered more than once; {suppressed} retransmissions recognised and suppressed"
            + (twice.Count > 0 ? $"; e.g. {string.Join(", ", twice.Take(3).Select(g => $"{g.Key.MessageId} to {g.Key.Recipient} x{g.Count()}"))}" : "");
        return new InvariantResult(InvariantKinds.NoDuplicates, twice.Count == 0, evidence);
    }

    /// <summary>Q193760: each healthy stream keeps at least minPercent of its baseline delivered throughput while others fail.</summary>
    private static InvariantResult Isolation(InvariantDefinition invariant, ScenarioDefinition scenario, ScenarioHistory history, double timeScale)
    {
        var figures = StreamFigures.From(scenario, history, timeScale).Where(f => Selected(invariant, f.Stream)).ToList();
        var floor = invariant.MinPercent!.Value;
        var parts = figures.Select(f => (f.Stream, Percent: f.BaselineRate > 0 ? f.FaultRate / f.BaselineRate * 100 : double.NaN, f.BaselineRate, f.FaultRate)).ToList();
        var passed = parts.Count > 0 && parts.All(p => p.Percent >= floor);
        var evidence = string.Join("; ", parts.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Stream} {p.FaultRate:0.0}/s vs baseline {p.BaselineRate:0.0}/s = {p.Percent:0.0}%")))
            + string.Create(CultureInfo.InvariantCulture, $" (floor {floor:0.#}%)");
        return new InvariantResult(InvariantKinds.Isolation, passed, evidence);
    }

    /// <summary>The selected streams' p99 latency (send to delivery seen) stays under the ceiling.</summary>
    private static InvariantResult HealthyLatency(InvariantDefinition invariant, ScenarioDefinition scenario, ScenarioHistory history, double timeScale)
    {
        var figures = StreamFigures.From(scenario, history, timeScale).Where(f => Selected(invariant, f.Stream)).ToList();
        var ceiling = invariant.P99Ms!.Value;
        var passed = figures.Count > 0 && figures.All(f => f.Delivered > 0 && f.P99 <= ceiling);
        var evidence = string.Join("; ", figures.Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Stream} p99 {f.P99:0} ms over {f.Delivered} messages")))
            + string.Create(CultureInfo.InvariantCulture, $" (ceiling {ceiling:0} ms)");
        return new InvariantResult(InvariantKinds.HealthyLatency, passed, evidence);
    }

    /// <summary>After the link's first fault, GET /api/queues shows it in a state other than up within the bound.</summary>
    private static InvariantResult FailureDetected(InvariantDefinition invariant, ScenarioDefinition scenario, ScenarioHistory history, double timeScale)
    {
        var link = invariant.Link!;
        // disable-mta holds every outbound link at once: it faults this one too.
        var fault = scenario.Timeline.FirstOrDefault(a => (a.Action is TimelineActions.FaultSet or TimelineActions.Suspend && string.Equals(a.Link, link, StringComparison.OrdinalIgnoreCase))
            || a.Action == TimelineActions.DisableMta);
        if (fault is null)
        {
            return new InvariantResult(InvariantKinds.FailureDetected, false, $"the timeline never faults {link}");
        }

        var at = history.Actions.FirstOrDefault(a => a.Description == fault.Describe())?.At ?? fault.At * timeScale;
        var detected = history.QueueSamples
            .Where(s => string.Equals(s.Name, link, StringComparison.OrdinalIgnoreCase) && s.At >= at && s.State != "up")
            .OrderBy(s => s.At)
            .FirstOrDefault();
        var bound = invariant.WithinSeconds!.Value;
        return detected is null
            ? new InvariantResult(InvariantKinds.FailureDetected, false, string.Create(CultureInfo.InvariantCulture, $"{link} faulted at {at:0.0} s never showed a state other than up"))
            : new InvariantResult(
                InvariantKinds.FailureDetected,
                detected.At - at <= bound,
                string.Create(CultureInfo.InvariantCulture, $"{link} faulted at {at:0.0} s, seen {detected.State} at {detected.At:0.0} s: {detected.At - at:0.0} s (bound {bound:0.#} s)"));
    }

    /// <summary>/health answered 200 within the bound every time it was asked, except while the daemon was down on purpose.</summary>
    private static InvariantResult NoStarvation(InvariantDefinition invariant, ScenarioHistory history)
    {
        var bound = invariant.WithinMs!.Value;
        var judged = history.HealthSamples.Where(h => !history.Downtime.Any(d => h.At >= d.From - 0.5 && h.At <= d.To + 0.5) && h.At <= history.DrainEnded).ToList();
        var bad = judged.Where(h => !h.Ok || h.Milliseconds > bound).ToList();
        var worst = judged.Count == 0 ? 0 : judged.Max(h => h.Milliseconds);
        var evidence = string.Create(CultureInfo.InvariantCulture, $"{judged.Count} /health probes, slowest {worst:0} ms, {bad.Count} failed or over {bound:0} ms")
            + (bad.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $"; first at {bad[0].At:0.0} s ({bad[0].Milliseconds:0} ms)") : "");
        return new InvariantResult(InvariantKinds.NoStarvation, judged.Count > 0 && bad.Count == 0, evidence);
    }

    /// <summary>KB924567: every flush was answered within the bound (and, when set, with the expected outcome).</summary>
    private static InvariantResult FlushBounded(InvariantDefinition invariant, ScenarioHistory history)
    {
        var bound = invariant.WithinMs!.Value;
        var answers = history.Flushes.ToList();
        var slow = answers.Count(f => f.Milliseconds > bound);
        var wrong = invariant.Outcome is { } outcome ? answers.Count(f => f.Outcome != outcome) : 0;
        var outcomes = string.Join(", ", answers.GroupBy(f => f.Outcome).Select(g => $"{g.Count()} {g.Key}"));
        var evidence = string.Create(CultureInfo.InvariantCulture, $"{answers.Count} flushes ({outcomes}), slowest {(answers.Count == 0 ? 0 : answers.Max(f => f.Milliseconds)):0} ms; {slow} over {bound:0} ms")
            + (invariant.Outcome is null ? "" : $"; {wrong} not '{invariant.Outcome}'");
        return new InvariantResult(InvariantKinds.FlushBounded, answers.Count > 0 && slow == 0 && wrong == 0, evidence);
    }

    private static bool Selected(InvariantDefinition invariant, string stream)
        => invariant.Streams.IsEmpty || invariant.Streams.Contains(stream, StringComparer.OrdinalIgnoreCase);
}
