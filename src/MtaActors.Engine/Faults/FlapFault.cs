namespace MtaActors.Engine.Faults;

/// <summary>
/// A link that comes and goes: from the moment the fault is set it is up for <see cref="UpFor"/>, then refuses
/// (like <see cref="DownFault"/>) for <see cref="DownFor"/>, and repeats.
/// </summary>
public sealed record FlapFault(TimeSpan UpFor, TimeSpan DownFor) : FaultSpec
{
    public TimeSpan UpFor { get; init; } = FaultGuard.Positive(UpFor, nameof(UpFor));

    public TimeSpan DownFor { get; init; } = FaultGuard.Positive(DownFor, nameof(DownFor));

    public override string Kind => FaultKinds.Flap;

    /// <summary>Whether the link is in its down phase <paramref name="elapsed"/> after the fault was set.</summary>
    public bool IsDownAfter(TimeSpan elapsed)
    {
        if (elapsed <= TimeSpan.Zero)
        {
            return false;
        }

        var position = elapsed.Ticks % (UpFor.Ticks + DownFor.Ticks);
        return position >= UpFor.Ticks;
    }
}
