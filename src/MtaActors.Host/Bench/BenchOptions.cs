using MtaActors.Engine.Hosting;

namespace MtaActors.Host.Bench;

/// <summary>Everything <c>mta bench</c> was asked to do, after parsing; defaults are the documented ones (docs/bench.md).</summary>
internal sealed record BenchOptions
{
    public int Messages { get; init; } = 10_000;

    public int SizeBytes { get; init; } = 1024;

    /// <summary>Messages per submission.</summary>
    public int Batch { get; init; } = 100;

    /// <summary>Submissions awaiting acceptance at once (closed loop).</summary>
    public int InFlight { get; init; } = 4;

    /// <summary>Messages per second to offer; null: closed loop, as fast as acceptance allows.</summary>
    public double? Rate { get; init; }

    public int Links { get; init; } = 6;

    public double SecuredFraction { get; init; }

    public PriorityMix PriorityMix { get; init; } = PriorityMix.AllNormal;

    public JournalKind Journal { get; init; } = JournalKind.Memory;

    public string? Connection { get; init; }

    public string? DataDirectory { get; init; }

    public string? ConfigFile { get; init; }

    public IReadOnlyList<LinkFault> Faults { get; init; } = [];

    public bool Compare { get; init; }

    public int Repeat { get; init; } = 1;

    /// <summary>Messages of an unmeasured run before the measured ones (JIT, pools); 0 for none.</summary>
    public int Warmup { get; init; }

    public BenchEngine Engine { get; init; } = BenchEngine.Actor;

    /// <summary>In a comparison, also run this engine beside the actor engine.</summary>
    public BenchEngine? Baseline { get; init; }

    public Uri? Http { get; init; }

    /// <summary>
    /// Submit over SMTP to the daemon's listener here instead of the admin API (which <see cref="Http"/> still names,
    /// for deliveries and queues); each submission is then one session of <see cref="Batch"/> messages, and
    /// <see cref="InFlight"/> sessions run at once.
    /// </summary>
    public System.Net.IPEndPoint? Smtp { get; init; }

    /// <summary>Transfer timeout (every priority) and retry interval of the generated links.</summary>
    public TimeSpan TransferTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Bound on each run: submission plus the wait for delivery.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    public bool Json { get; init; }

    /// <summary>Run with the metrics export listening and scraped every second, as in a daemon (in-process targets).</summary>
    public bool Metrics { get; init; }
}
