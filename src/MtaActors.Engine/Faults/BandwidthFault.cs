namespace MtaActors.Engine.Faults;

/// <summary>
/// A slow line: a transfer waits the batch's declared size (the sum of <c>Message.SizeBytes</c>) divided by
/// <see cref="BytesPerSecond"/>. Probes carry no payload and are not slowed.
/// </summary>
public sealed record BandwidthFault(long BytesPerSecond) : FaultSpec
{
    public long BytesPerSecond { get; init; } = FaultGuard.Positive(BytesPerSecond, nameof(BytesPerSecond));

    public override string Kind => FaultKinds.Bandwidth;

    /// <summary>How long <paramref name="bytes"/> take to cross the line.</summary>
    public TimeSpan DelayFor(long bytes)
        => bytes <= 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling((double)bytes * TimeSpan.TicksPerSecond / BytesPerSecond));
}
