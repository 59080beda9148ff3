namespace MtaActors.Engine.Faults;

/// <summary>
/// A slow line: a transfer waits the batch's declared size (the sum of <c>Message.SizeBytes</c>) divided by
/// <see cref="BytesPerSecond"/>. Probes carry no payload and are not slowed.
/// </summary>
public sealed record BandwidthFault(long BytesPerSecond) : FaultSpec
{
    public long BytesPerSecond { get; init; } = FaultGuard.Positive(BytesPerSecond, nameof(BytesPerSecond));

    public override string Kind => FaultKinds.Bandwidth;

    /// <summary>
    /// How long <paramref name="bytes"/> take to cross the line, at most <see cref="FaultLimits.MaxDelay"/>: computed in
    /// doubles and saturated, since a size near <see cref="long.MaxValue"/> over 1 byte a second is no valid tick count.
    /// </summary>
    public TimeSpan DelayFor(long bytes)
        => bytes <= 0 ? TimeSpan.Zero : FaultLimits.Saturate(Math.Ceiling((double)bytes * TimeSpan.TicksPerSecond / BytesPerSecond));
}
