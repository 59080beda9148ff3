namespace MtaActors.Engine.Faults;

/// <summary>
/// The ranges a fault's parameters may take (the API refuses anything outside them with a 400), and the ceiling every
/// computed fault delay saturates at, so no combination of accepted values overflows a <see cref="TimeSpan"/> or
/// reaches <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> out of its range.
/// </summary>
public static class FaultLimits
{
    /// <summary>The longest latency or jitter: one hour, far beyond any transfer timeout.</summary>
    public const double MaxLatencyMs = 3_600_000;

    /// <summary>The longest up or down phase of a flap: one day.</summary>
    public const double MaxFlapPhaseMs = 86_400_000;

    /// <summary>The fastest simulated line: a terabyte a second.</summary>
    public const long MaxBytesPerSecond = 1_000_000_000_000;

    /// <summary>The longest wait a fault ever imposes on one transfer, whatever its parameters and the batch size.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    /// <summary>A delay of <paramref name="ticks"/> (any double, even infinite or NaN), clamped to zero..<see cref="MaxDelay"/>.</summary>
    public static TimeSpan Saturate(double ticks)
        => double.IsNaN(ticks) || ticks <= 0 ? TimeSpan.Zero
            : ticks >= MaxDelay.Ticks ? MaxDelay
            : TimeSpan.FromTicks((long)ticks);
}
