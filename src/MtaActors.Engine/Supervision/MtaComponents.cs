using System.Collections.Immutable;
using MtaActors.Core.Topology;
using MtaActors.Engine.Metrics;
using MtaActors.Engine.Transports;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Engine.Supervision;

/// <summary>Everything the supervisor builds its tree from: the topology and a ready transport for every queue.</summary>
public sealed record MtaComponents
{
    public required Topology Topology { get; init; }

    /// <summary>One transport per link name, plus <see cref="RoutingPlanner.LocalStore"/>.</summary>
    public required ImmutableDictionary<string, ITransport> Transports { get; init; }

    public required MtaCounters Counters { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Snapshot interval floor for the work queue and secured queues.</summary>
    public int SnapshotMinInterval { get; init; } = 1000;

    /// <summary>Retry policy of the local store's queue.</summary>
    public RetryPolicy LocalStoreRetry { get; init; } = RetryPolicy.Default with { OpenInterval = TimeSpan.FromSeconds(1), MaxOpenRetries = int.MaxValue };

    /// <summary>See <see cref="Hosting.MtaEngineSettings.HoldEverything"/>.</summary>
    public string? HoldEverything { get; init; }
}
