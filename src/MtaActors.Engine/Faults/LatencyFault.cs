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

    /// <summary>One wait: <see cref="Latency"/> plus a jitter drawn on <paramref name="dice"/> (no draw without jitter), saturated at <see cref="FaultLimits.MaxDelay"/>.</summary>
    public TimeSpan DelayFor(FaultDice dice) => FaultLimits.Saturate(DelayTicks(dice));

    /// <summary>The same wait in ticks, unsaturated, for callers that add other delays to it first.</summary>
    internal double DelayTicks(FaultDice dice)
    {
        ArgumentNullException.ThrowIfNull(dice);
        double ticks = Latency.Ticks;
        if (Jitter > TimeSpan.Zero)
        {
            ticks += Jitter.Ticks * ((dice.NextDouble() * 2) - 1);
        }

        return ticks;
    }
}
