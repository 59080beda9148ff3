namespace MtaActors.Engine.Faults;

/// <summary>An injected link failure (a "toxic"), named by kind, with its parameters.</summary>
public abstract record FaultSpec
{
    /// <summary>The kebab-case kind: down, hang, latency, bandwidth, error-rate, flap, corrupt, reset, crash.</summary>
    public abstract string Kind { get; }
}
