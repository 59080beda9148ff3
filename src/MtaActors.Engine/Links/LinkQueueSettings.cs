using MtaActors.Core.Topology;
using MtaActors.Engine.Metrics;
using MtaActors.Engine.Transports;

namespace MtaActors.Engine.Links;

/// <summary>What a link queue is built from: its identity, retry policy, transport and the counters it feeds.</summary>
public sealed record LinkQueueSettings
{
    public required string Name { get; init; }
    public required string QueueId { get; init; }
    /// <summary>The kind as shown by the API: a link kind (x400, smtp-gateway...) or local-store.</summary>
    public required string Kind { get; init; }
    public required bool Secured { get; init; }
    public required RetryPolicy Retry { get; init; }
    public int MaxBatchSize { get; init; } = 100;
    public required ITransport Transport { get; init; }
    public required MtaCounters Counters { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>A secured queue snapshots after this many events at least (or its length, when longer), then deletes older events.</summary>
    public int SnapshotMinInterval { get; init; } = 1000;

    /// <summary>Longest pause before the session is used again after it crashed (crashes back off exponentially from 100 ms).</summary>
    public TimeSpan MaxCrashBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Suspended for a secured queue whose link left the topology: it holds its mail and transfers nothing.</summary>
    public LinkState InitialState { get; init; } = LinkState.Up;

    /// <summary>Why the queue starts in <see cref="InitialState"/>, shown with its status.</summary>
    public string? InitialReason { get; init; }

    public string PersistenceId => $"secured-queue-{Name}";
}
