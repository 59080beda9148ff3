namespace MtaActors.Host.Operations;

/// <summary>
/// What a replay did: messages accepted, quarantined (each with its error in the quarantine file), requests sent,
/// rejected chunks split, and, when it stopped early, why (the daemon stayed unavailable) and how many were not tried.
/// </summary>
public sealed record ReplayResult(int Total, int Accepted, int Quarantined, int Requests, int Splits, int NotTried, string? StoppedBecause);
