namespace MtaActors.Host.Scenarios;

/// <summary>How to run a scenario: against a child daemon (default) or a running one, and the knobs tests use.</summary>
public sealed record ScenarioRunOptions
{
    /// <summary>A running daemon to target instead of starting one; kill and restart actions are then refused.</summary>
    public Uri? Http { get; init; }

    /// <summary>With <see cref="Http"/>: that daemon's data folder, whose delivery logs the checks read.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Multiplies every time in the scenario (load duration, baseline, timeline) but not the invariants' bounds.</summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>Test only: starts the child daemon with the delivery logs' de-duplication off, so no-duplicates can be seen to fail.</summary>
    public bool DisableDeduplication { get; init; }

    /// <summary>The run's seed, over the file's <c>seed</c>; without either one is chosen and reported.</summary>
    public int? Seed { get; init; }

    /// <summary>Keep the work folder (topology copy, data, daemon.log) after the run instead of deleting it.</summary>
    public bool KeepWorkFolder { get; init; }
}
