using MtaActors.Core.Topology;
using MtaActors.Engine.Transports;

namespace MtaActors.Engine.Hosting;

/// <summary>Everything the engine needs to start: the topology, where its data lives, and its clock.</summary>
public sealed record MtaEngineSettings
{
    public required Topology Topology { get; init; }

    /// <summary>Folder for the SQLite journal and the delivery logs of the local store and simulated sites.</summary>
    public required string DataDirectory { get; init; }

    public JournalKind Journal { get; init; } = JournalKind.Sqlite;

    /// <summary>Connection string; for SQLite defaults to <c>Data Source={DataDirectory}/mta.db</c>.</summary>
    public string? ConnectionString { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// The work queue and each secured queue snapshot once the events since their last snapshot reach this number or
    /// their current length, whichever is larger, then delete older events and snapshots. Default 1,000.
    /// </summary>
    public int SnapshotMinInterval { get; init; } = 1000;

    /// <summary>
    /// Told of every batch a simulated remote site acknowledged (benchmarks time messages end to end with it);
    /// null, the default, adds nothing to the transfer path.
    /// </summary>
    public IDeliveryObserver? DeliveryObserver { get; init; }

    /// <summary>
    /// True (the default): the local store and the simulated sites suppress a (message, recipient) delivered before.
    /// False is for tests only (the scenario harness's <c>--test-disable-dedup</c>): duplicates are delivered again, so
    /// that the no-duplicates check can be seen to fail.
    /// </summary>
    public bool DeduplicationEnabled { get; init; } = true;

    /// <summary>
    /// Offline maintenance (<c>mta purge --data</c>): every queue, the local store included, starts suspended with this
    /// reason, so the engine recovers and answers operations but delivers nothing. Not journaled. Null: a normal start.
    /// </summary>
    public string? HoldEverything { get; init; }
}
