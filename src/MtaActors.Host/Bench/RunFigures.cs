using System.Text.Json.Serialization;

namespace MtaActors.Host.Bench;

/// <summary>
/// What one run measured. Rates are messages per second of wall-clock time from the first submission:
/// accepted until the last acceptance, delivered until the last delivery (or the end of the run when it did not
/// finish). "Healthy" figures leave out every message aimed at a faulted link.
/// </summary>
internal sealed record RunFigures
{
    public required string Engine { get; init; }
    public required string Journal { get; init; }
    public required IReadOnlyList<string> Faults { get; init; }
    public required int Messages { get; init; }
    public required long Accepted { get; init; }
    public required double AcceptSeconds { get; init; }
    public required double AcceptedPerSecond { get; init; }
    public required long Delivered { get; init; }
    public required double DeliverSeconds { get; init; }
    public required double DeliveredPerSecond { get; init; }
    public required long HealthyExpected { get; init; }
    public required long HealthyDelivered { get; init; }
    public required double HealthySeconds { get; init; }
    public required double HealthyPerSecond { get; init; }

    /// <summary>True when every message aimed at a healthy link was delivered before the run ended.</summary>
    public required bool HealthyComplete { get; init; }

    public required bool TimedOut { get; init; }
    public required LatencyFigures Latency { get; init; }

    /// <summary>How latency was observed: per message at the site's acknowledgement, or attributed from site counts (HTTP).</summary>
    public required string LatencyBasis { get; init; }

    public required IReadOnlyList<LinkFigures> Links { get; init; }
    /// <summary>Most messages seen at once in the work queue (accepted, waiting for a route or deferred).</summary>
    public required int PeakWorkQueueLength { get; init; }

    /// <summary>Most envelopes seen at once in all link queues together (handed to a link, not yet delivered).</summary>
    public required int PeakLinkQueuesLength { get; init; }
    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>What was still queued when the run ended, and the managed heap it held (in-process targets only).</summary>
    public required QueuedMemory QueuedAtEnd { get; init; }
    public required GcCounts Gc { get; init; }

    /// <summary>
    /// Processor time the whole process used during the run (user + system, all threads, load generator included):
    /// on a shared machine, delivered ÷ this says more than wall-clock rates do.
    /// </summary>
    public required double CpuSeconds { get; init; }

    /// <summary>Distinct deliveries the simulated sites themselves counted during the run (a cross-check of <see cref="Delivered"/>).</summary>
    public required long SitesRecorded { get; init; }

    /// <summary>The run over time, for the HTML report only.</summary>
    [JsonIgnore]
    public RunTimeline? Timeline { get; init; }
}
