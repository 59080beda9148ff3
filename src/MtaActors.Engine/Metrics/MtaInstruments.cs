using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Links;

namespace MtaActors.Engine.Metrics;

/// <summary>
/// The engine's instruments on a <see cref="Meter"/> named <see cref="MeterName"/> (System.Diagnostics.Metrics, so any
/// listener can read them; the daemon exports them to Prometheus). Names are already Prometheus names: an exporter that
/// prefixes the meter's name gives <c>mta_messages_delivered_total{link="x400-paris"}</c>. Units are base units
/// (seconds); totals of a per-link series are <c>sum()</c> over it.
/// </summary>
public sealed class MtaInstruments : IDisposable
{
    public const string MeterName = "mta";

    private static readonly string[] LinkStates = [.. Enum.GetNames<LinkState>().Select(n => n.ToLowerInvariant()), QueueBoard.Unresponsive];

    private readonly Meter _meter = new(MeterName);
    private readonly LabelledTotals _accepted;
    private readonly LabelledTotals _deduplicated;
    private readonly LabelledTotals _delivered;
    private readonly LabelledTotals _nonDelivered;
    private readonly LabelledTotals _rerouted;
    private readonly LabelledTotals _duplicates;
    private readonly LabelledTotals _quarantined;
    private readonly LabelledTotals _attempts;
    private readonly LabelledTotals _failures;
    private readonly Histogram<double> _transferSeconds;
    private readonly Histogram<double> _deliverySeconds;
    private readonly Histogram<double> _journalSeconds;
    private readonly Histogram<int> _journalBatch;

    public MtaInstruments(QueueBoard queues, FaultSwitchboard? faults)
    {
        _accepted = new LabelledTotals(_meter, "messages_accepted_total", "Messages accepted (journaled) by the work queue.");
        _deduplicated = new LabelledTotals(_meter, "submissions_deduplicated_total", "Submissions of a known id with the same content, answered again and not accepted twice.");
        _delivered = new LabelledTotals(_meter, "messages_delivered_total", "Recipients delivered, per link.", "link");
        _nonDelivered = new LabelledTotals(_meter, "messages_non_delivered_total", "Recipients given up on (reported or not), per link; link=\"work-queue\" for the router's own (no route, loop, expiry before routing).", "link");
        _rerouted = new LabelledTotals(_meter, "messages_rerouted_total", "Recipients handed back by a link and routed again, per link that handed them back.", "link");
        _duplicates = new LabelledTotals(_meter, "duplicates_suppressed_total", "Recipients a remote end already had (not delivered twice), per link.", "link");
        _quarantined = new LabelledTotals(_meter, "messages_quarantined_total", "Messages moved to the poison queue, per link they crashed.", "link");
        _attempts = new LabelledTotals(_meter, "transfer_attempts_total", "Batches handed to a link's session, per link.", "link");
        _failures = new LabelledTotals(_meter, "transfer_failures_total", "Failed transfers, per link and cause.", "link", "cause");
        _transferSeconds = _meter.CreateHistogram<double>("transfer_duration_seconds", unit: "s", description: "Time from handing a batch to the session to its outcome, per link.");
        _deliverySeconds = _meter.CreateHistogram<double>("delivery_latency_seconds", unit: "s", description: "End to end: submission to delivery, per recipient batch.");
        _journalSeconds = _meter.CreateHistogram<double>("journal_write_duration_seconds", unit: "s", description: "Time from persisting to the journal's confirmation, as the queue sees it, per queue.");
        _journalBatch = _meter.CreateHistogram<int>("journal_write_messages", description: "Messages carried by one journal write (group commit of submissions), per queue.");

        _meter.CreateObservableGauge("queue_length", () => queues.Current().Select(s => new Measurement<int>(s.Length, Queue(s.Name))), description: "Messages in each queue, the work queue first.");
        _meter.CreateObservableGauge("queue_oldest_age_seconds", () => queues.Current().Select(s => new Measurement<double>(s.OldestAgeSeconds, Queue(s.Name))), unit: "s", description: "Age of the oldest message in each queue.");
        _meter.CreateObservableGauge("link_state", () => queues.Current()
            .Where(IsLink)
            .SelectMany(s => LinkStates.Select(state => new Measurement<int>(
                string.Equals(s.State, state, StringComparison.OrdinalIgnoreCase) ? 1 : 0,
                new KeyValuePair<string, object?>("link", s.Name),
                new KeyValuePair<string, object?>("state", state)))), description: "1 for the state each link is in, 0 for the others.");
        _meter.CreateObservableGauge("faults_active", () => ActiveFaults(queues, faults), description: "Faults injected on each link, by kind.");
    }

    /// <summary>Starts every per-link total of these links at zero, so a rate over them is defined before their first event.</summary>
    public void Know(IEnumerable<string> links)
    {
        _accepted.Add(0);
        _deduplicated.Add(0);
        foreach (var link in links)
        {
            foreach (var totals in new[] { _delivered, _nonDelivered, _rerouted, _duplicates, _quarantined, _attempts })
            {
                totals.Add(0, link);
            }
        }
    }

    public void Accepted(long count) => _accepted.Add(count);

    public void SubmissionsDeduplicated(long count) => _deduplicated.Add(count);

    public void Delivered(string link, long count) => _delivered.Add(count, link);

    public void NonDelivered(string link, long count) => _nonDelivered.Add(count, link);

    public void Rerouted(string link, long count) => _rerouted.Add(count, link);

    public void DuplicatesSuppressed(string link, long count)
    {
        if (count > 0)
        {
            _duplicates.Add(count, link);
        }
    }

    public void Quarantined(string link) => _quarantined.Add(1, link);

    public void TransferAttempted(string link) => _attempts.Add(1, link);

    /// <summary>A transfer's outcome: its duration, and the cause when it failed (e.g. Transient, Permanent, crash, timeout).</summary>
    public void TransferFinished(string link, TimeSpan duration, string? failureCause)
    {
        _transferSeconds.Record(duration.TotalSeconds, Link(link));
        if (failureCause is not null)
        {
            _failures.Add(1, link, failureCause);
        }
    }

    public void DeliveryLatency(TimeSpan latency) => _deliverySeconds.Record(Math.Max(0, latency.TotalSeconds));

    public void JournalWritten(string queue, TimeSpan duration, int messages)
    {
        _journalSeconds.Record(duration.TotalSeconds, Queue(queue));
        _journalBatch.Record(messages, Queue(queue));
    }

    public void Dispose() => _meter.Dispose();

    /// <summary>
    /// Every link and every kind, 0 where none is set: an exporter keeps the last value of a series that stops being
    /// reported, so a cleared fault must be reported as 0, not left out.
    /// </summary>
    private static IEnumerable<Measurement<int>> ActiveFaults(QueueBoard queues, FaultSwitchboard? faults)
    {
        var active = faults?.All() ?? ImmutableDictionary<string, ImmutableArray<ActiveFault>>.Empty;
        foreach (var link in queues.Current().Where(IsLink).Select(s => s.Name))
        {
            var set = active.TryGetValue(link, out var those) ? those : [];
            foreach (var kind in FaultKinds.All)
            {
                yield return new Measurement<int>(
                    set.Count(f => string.Equals(f.Spec.Kind, kind, StringComparison.OrdinalIgnoreCase)),
                    new KeyValuePair<string, object?>("link", link),
                    new KeyValuePair<string, object?>("kind", kind));
            }
        }
    }

    private static bool IsLink(Gateway.QueueStatus status) => status.Kind is not ("work-queue" or "poison");

    private static KeyValuePair<string, object?> Link(string link) => new("link", link);

    private static KeyValuePair<string, object?> Queue(string queue) => new("queue", queue);
}
