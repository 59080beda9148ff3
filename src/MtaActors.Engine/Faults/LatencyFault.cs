namespace MtaActors.Engine.Faults;

/// <summary>
/// Every transfer and probe waits <see cref="Latency"/> plus a uniform random offset in
/// [-<see cref="Jitter"/>, +<see cref="Jitter"/>] (never below zero) before it reaches the far end.
/// </summary>
public sealed record LatencyFault(TimeSpan Latency, TimeSpan Jitter) : FaultSpec
{
    public TimeSpan Latency { get; init; } = FaultGuard.NotNegative(Latency, nameof(Latency));

    public TimeSpan Jitter { get; init; } = FaultGuard.NotNegative(Jitter, nameof(Jitter));

    public override string Kind => FaultKinds.Latency;
}
