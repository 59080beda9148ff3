using MtaActors.Engine.SuperQueue;

namespace MtaActors.Engine.Inspection;

/// <summary>How bad a finding is: a problem fails the check (exit 1); a warning is reported and the check still passes.</summary>
public enum FindingSeverity
{
    Warning = 0,
    Problem = 1,
}

/// <summary>
/// One thing <c>mta check</c> found, named by the queue or message it is about (<see cref="Subject"/>).
/// <see cref="Repair"/> is the registry entry whose registration mends it without loss, when there is one.
/// </summary>
public sealed record CheckFinding(FindingSeverity Severity, string Code, string Subject, string Detail, QueueDescriptor? Repair = null);
