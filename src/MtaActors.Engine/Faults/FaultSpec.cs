namespace MtaActors.Engine.Faults;

/// <summary>
/// An injected link failure (a "toxic"), named by kind, with its parameters. What every kind shares lives here, so a
/// kind added later has it too: <see cref="Toxicity"/>, drawn by the switchboard for each transfer (see
/// <see cref="FaultSwitchboard.Draw"/>), and <see cref="Persist"/>.
/// </summary>
public abstract record FaultSpec
{
    private readonly double _toxicity = 1;

    /// <summary>The kebab-case kind: down, hang, latency, bandwidth, error-rate, flap, corrupt, reset, crash.</summary>
    public abstract string Kind { get; }

    /// <summary>
    /// The probability (0..1, default 1) that the fault applies to one transfer, probe or connection, as Toxiproxy's
    /// toxicity: each one draws once, before the kind's own parameters (a rate, a jitter) are used.
    /// </summary>
    public double Toxicity
    {
        get => _toxicity;
        init => _toxicity = FaultGuard.Rate(value, nameof(Toxicity));
    }

    /// <summary>
    /// Kept across a daemon restart, kill -9 included: the switchboard writes it to its <see cref="PersistedFaultFile"/>
    /// and the daemon sets it again at start; clearing it removes it from the file. Default false: a restart clears it.
    /// </summary>
    public bool Persist { get; init; }
}
