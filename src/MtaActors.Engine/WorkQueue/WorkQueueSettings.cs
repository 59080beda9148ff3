using MtaActors.Engine.Metrics;

namespace MtaActors.Engine.WorkQueue;

/// <summary>What the work queue is built from.</summary>
public sealed record WorkQueueSettings
{
    public required RoutingPlanner Planner { get; init; }
    public required MtaCounters Counters { get; init; }
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The journal snapshots after this many events at least (or the number of pending messages, when larger), then deletes older events.</summary>
    public int SnapshotMinInterval { get; init; } = 1000;

    /// <summary>How often deferred messages are checked for being due and waiting ones for expiry. Default 1 s.</summary>
    public TimeSpan TickInterval { get; init; } = TimeSpan.FromSeconds(1);

    public const string PersistenceId = "work-queue";
}
