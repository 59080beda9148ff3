using System.Collections.Immutable;
using System.Text.Json.Nodes;
using MtaActors.Core.Topology;

namespace MtaActors.Host.Scenarios;

/// <summary>
/// A fault scenario as read from <c>config/scenarios/*.json</c>: the topology to run, the load to drive, the timeline
/// of faults and operations, and the invariants to check over the full history. See docs/scenarios.md.
/// </summary>
public sealed record ScenarioDefinition
{
    public required string Name { get; init; }

    public string Description { get; init; } = "";

    /// <summary>The topology file (absolute, or relative to the scenario file); default the sample topology.</summary>
    public required string TopologyPath { get; init; }

    /// <summary>That file, loaded and validated: what the invariants expect of the router (e.g. a list's members).</summary>
    public required Topology Topology { get; init; }

    /// <summary>Replaces <c>defaults.retry</c> and every link's own retry policy in the topology, when set (JSON as in the topology file).</summary>
    public JsonObject? Retry { get; init; }

    /// <summary>sqlite (default), postgres is not offered here (the runner owns the data folder), memory for speed.</summary>
    public string Journal { get; init; } = "sqlite";

    public required LoadDefinition Load { get; init; }

    /// <summary>The first seconds of the load run with no fault: the baseline that isolation compares against.</summary>
    public double BaselineSeconds { get; init; }

    public ImmutableArray<TimelineAction> Timeline { get; init; } = [];

    /// <summary>After the load, how long to wait for every accepted message to arrive before checking.</summary>
    public double DrainSeconds { get; init; } = 30;

    public ImmutableArray<InvariantDefinition> Invariants { get; init; } = [];

    /// <summary>The seed of the load's mix and of the daemon's fault draws; null: the runner chooses one and reports it.</summary>
    public int? Seed { get; init; }
}

/// <summary>Open-loop load: <see cref="Rate"/> messages a second for <see cref="DurationSeconds"/>, spread over the streams by weight.</summary>
public sealed record LoadDefinition
{
    public required double Rate { get; init; }

    public required double DurationSeconds { get; init; }

    public required ImmutableArray<LoadStream> Streams { get; init; }

    /// <summary>Weights of urgent, normal and non-urgent; default all normal.</summary>
    public (double Urgent, double Normal, double NonUrgent) Priority { get; init; } = (0, 1, 0);

    public int SizeBytes { get; init; } = 1024;

    /// <summary>The originator of every message (a local mailbox, so that reports have somewhere to go).</summary>
    public required string From { get; init; }
}

/// <summary>
/// One named share of the load: messages to <see cref="Recipients"/> (one each, in turn), which the topology routes
/// over the link(s) the stream is about. Throughput and latency are reported per stream.
/// </summary>
public sealed record LoadStream(string Name, ImmutableArray<string> Recipients, double Weight);

/// <summary>One step of the timeline, at <see cref="At"/> seconds after the load starts.</summary>
public sealed record TimelineAction
{
    public required double At { get; init; }

    public required string Action { get; init; }

    public string? Link { get; init; }

    /// <summary>fault-set: the fault as the switchboard takes it (<c>{"kind": "hang"}</c>); fault-clear: optional kind.</summary>
    public JsonObject? Fault { get; init; }

    public string? Kind { get; init; }

    /// <summary>flush: the recipient, or null for everything.</summary>
    public string? Recipient { get; init; }

    /// <summary>flush: how many concurrent requests.</summary>
    public int Count { get; init; } = 1;

    /// <summary>flush: the bound asked of the daemon.</summary>
    public double TimeoutSeconds { get; init; } = 5;

    /// <summary>export: how many poison messages (recipients the daemon refuses) to plant in the archive, to be quarantined by the replay.</summary>
    public int Poison { get; init; }

    /// <summary>replay: messages per request (mta replay --chunk-size).</summary>
    public int ChunkSize { get; init; } = Operations.ReplayOptions.DefaultChunkSize;

    public string Describe() => Action switch
    {
        TimelineActions.FaultSet => $"fault-set {Link} {Fault?.ToJsonString()}",
        TimelineActions.FaultClear => $"fault-clear {Link}{(Kind is null ? "" : " " + Kind)}",
        TimelineActions.Flush => $"flush {Link} x{Count}{(Recipient is null ? "" : " for " + Recipient)}",
        TimelineActions.Export => Poison > 0 ? $"export (+{Poison} poison)" : "export",
        TimelineActions.Replay => $"replay in chunks of {ChunkSize}",
        TimelineActions.Resume when Link is null => "resume (the paused daemon)",
        _ => Link is null ? Action : $"{Action} {Link}",
    };
}

/// <summary>The timeline's verbs.</summary>
public static class TimelineActions
{
    public const string FaultSet = "fault-set";
    public const string FaultClear = "fault-clear";
    public const string Suspend = "suspend";
    public const string Resume = "resume";
    public const string Flush = "flush";
    public const string Kill = "kill";
    public const string Restart = "restart";
    public const string KillRestart = "kill-restart";
    public const string RemoveLink = "remove-link";
    public const string DeleteSuperQueue = "delete-super-queue";

    /// <summary>KB924567: the whole MTA disabled (every outbound link suspended, journaled); enable-mta undoes it.</summary>
    public const string DisableMta = "disable-mta";
    public const string EnableMta = "enable-mta";

    /// <summary>Q271905: stop the daemon, <c>mta export --all</c> its backlog, and start a new server on an empty journal (same remote sites).</summary>
    public const string Export = "export";

    /// <summary><c>mta replay</c> of the archive the last export wrote into the running daemon, in chunks.</summary>
    public const string Replay = "replay";

    /// <summary>
    /// Jepsen's pause: SIGSTOP to the daemon, which freezes whole (a VM paused, a stop-the-world stall) with its sockets
    /// open; <see cref="Resume"/> without a link sends SIGCONT. With a link, resume is the link's (see <see cref="Suspend"/>).
    /// </summary>
    public const string Pause = "pause";

    public static readonly ImmutableArray<string> All = [FaultSet, FaultClear, Suspend, Resume, DisableMta, EnableMta, Flush, Kill, Restart, KillRestart, RemoveLink, DeleteSuperQueue, Export, Replay, Pause];

    /// <summary>Actions that need the runner to own the daemon process (refused with <c>--http</c>).</summary>
    public static readonly ImmutableArray<string> NeedProcess = [Kill, Restart, KillRestart, RemoveLink, DeleteSuperQueue, Export, Replay, Pause];
}

/// <summary>An invariant to check over the history, with its parameters (unused ones stay null).</summary>
public sealed record InvariantDefinition
{
    public required string Kind { get; init; }

    /// <summary>isolation: the floor, in percent of the baseline throughput.</summary>
    public double? MinPercent { get; init; }

    /// <summary>healthy-latency: the p99 ceiling.</summary>
    public double? P99Ms { get; init; }

    /// <summary>failure-detected: the link and how soon after its first fault its state must leave up.</summary>
    public string? Link { get; init; }

    public double? WithinSeconds { get; init; }

    /// <summary>no-starvation: every /health answer within this; flush-bounded: every flush answer within this.</summary>
    public double? WithinMs { get; init; }

    /// <summary>flush-bounded: the outcome every answer must have, when set.</summary>
    public string? Outcome { get; init; }

    /// <summary>replay-quarantined: exactly how many messages the replays must have quarantined.</summary>
    public int? Count { get; init; }

    /// <summary>isolation, healthy-latency: the streams it is about (default: every stream); poison-quarantined: the poison streams (required).</summary>
    public ImmutableArray<string> Streams { get; init; } = [];
}

/// <summary>The invariants a scenario may check.</summary>
public static class InvariantKinds
{
    public const string NoLoss = "no-loss";
    public const string NoDuplicates = "no-duplicates";
    public const string Isolation = "isolation";
    public const string HealthyLatency = "healthy-latency";
    public const string FailureDetected = "failure-detected";
    public const string NoStarvation = "no-starvation";
    public const string FlushBounded = "flush-bounded";
    public const string ReplayQuarantined = "replay-quarantined";
    public const string PoisonQuarantined = "poison-quarantined";

    public static readonly ImmutableArray<string> All = [NoLoss, NoDuplicates, Isolation, HealthyLatency, FailureDetected, NoStarvation, FlushBounded, ReplayQuarantined, PoisonQuarantined];
}
