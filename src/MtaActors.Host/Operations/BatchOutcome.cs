namespace MtaActors.Host.Operations;

/// <summary>
/// How the daemon answered one replayed chunk: accepted (202), rejected (400 or another failure that splitting can
/// isolate, with the reason), or unavailable (503, no answer: splitting would not help, so the replay waits and retries).
/// </summary>
public sealed record BatchOutcome(BatchOutcomeKind Kind, string Reason)
{
    public static readonly BatchOutcome Accepted = new(BatchOutcomeKind.Accepted, "");

    public static BatchOutcome Rejected(string reason) => new(BatchOutcomeKind.Rejected, reason);

    public static BatchOutcome Unavailable(string reason) => new(BatchOutcomeKind.Unavailable, reason);
}

/// <summary>See <see cref="BatchOutcome"/>.</summary>
public enum BatchOutcomeKind
{
    Accepted = 0,
    Rejected = 1,
    Unavailable = 2,
}
