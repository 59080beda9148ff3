using System.Collections.Concurrent;

namespace MtaActors.Host.Scenarios;

/// <summary>
/// Everything observed during a run, stamped with seconds since the load started: what was submitted and how the
/// daemon answered, what arrived in the delivery logs, queue states and /health answers over time, the timeline's
/// actions and the flush answers. The invariants are checked over this, after the run, and only over this.
/// </summary>
public sealed class ScenarioHistory
{
    public ConcurrentQueue<Submission> Submissions { get; } = new();

    /// <summary>Every delivery-log line, in the order the tail read it.</summary>
    public ConcurrentQueue<DeliveryObservation> Deliveries { get; } = new();

    public ConcurrentQueue<QueueSample> QueueSamples { get; } = new();

    /// <summary>Each link's delivered total (<c>mta_messages_delivered_total</c> of <c>GET /metrics</c>) as sampled with the queues.</summary>
    public ConcurrentQueue<LinkDeliveries> LinkDeliveries { get; } = new();

    public ConcurrentQueue<HealthSample> HealthSamples { get; } = new();

    public ConcurrentQueue<ActionRecord> Actions { get; } = new();

    public ConcurrentQueue<FlushAnswer> Flushes { get; } = new();

    /// <summary>What each <c>mta replay</c> of the timeline reported.</summary>
    public ConcurrentQueue<ReplayRecord> Replays { get; } = new();

    /// <summary>Windows (start, end seconds) when the daemon was down on purpose (kill to restart): health is not judged there.</summary>
    public ConcurrentQueue<(double From, double To)> Downtime { get; } = new();

    /// <summary>When the load stopped, and when the drain ended.</summary>
    /// <summary>The ids on the daemon's poison queue when the drain ended (empty when nothing was quarantined).</summary>
    public ConcurrentDictionary<string, string> Quarantined { get; } = new(StringComparer.Ordinal);

    /// <summary>The run's seed (the load's mix and the switchboard's draws): give it back with <c>--seed</c> to replay.</summary>
    public int Seed { get; set; }

    public double LoadEnded { get; set; }

    public double DrainEnded { get; set; }
}

/// <summary>How a submitted message fared: accepted (202), rejected (an error answer), or indeterminate (no answer: it may or may not be in).</summary>
public enum SubmissionResult
{
    Accepted,
    Rejected,
    Indeterminate,
}

/// <summary>One message the load generator sent: its id, stream, single recipient (canonical), when it was sent, and the daemon's answer.</summary>
public sealed record Submission(string Id, string Stream, string Recipient, double SentAt, SubmissionResult Result);

/// <summary>One delivery-log line: the site, D (delivered) or S (suppressed duplicate), and when the tail saw it.</summary>
public sealed record DeliveryObservation(string Site, bool Delivered, string MessageId, string Recipient, double SeenAt);

/// <summary>A queue as <c>GET /api/queues</c> showed it at <see cref="At"/>.</summary>
public sealed record QueueSample(double At, string Name, string State, int Length);

/// <summary>A link's delivered total (recipients) at <see cref="At"/>, as the daemon's metrics counted it since it started.</summary>
public sealed record LinkDeliveries(double At, string Link, double Total);

/// <summary>One <c>GET /health</c>: when, how long it took, and whether it answered 200.</summary>
public sealed record HealthSample(double At, double Milliseconds, bool Ok);

/// <summary>A timeline action as performed: when it started, how long it took, and what came of it.</summary>
public sealed record ActionRecord(double At, string Description, double Milliseconds, string Result);

/// <summary>One flush request's answer (or the lack of one) and how long it took.</summary>
public sealed record FlushAnswer(double At, string Link, double Milliseconds, string Outcome, int Requested, int Delivered);

/// <summary>One <c>mta replay</c> as it reported itself (<c>--json</c>): messages in the archive, accepted, quarantined, not tried; and the planted poison ids.</summary>
public sealed record ReplayRecord(double At, int ExitCode, int Total, int Accepted, int Quarantined, int NotTried, int Splits, int PlantedPoison);
