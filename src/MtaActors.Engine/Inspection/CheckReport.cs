using System.Collections.Immutable;

namespace MtaActors.Engine.Inspection;

/// <summary>What <c>mta check</c> found: every queue, every message object, and the findings. Clean when no finding is a problem.</summary>
public sealed record CheckReport(ImmutableArray<QueueCheckLine> Queues, ImmutableArray<CheckedObject> Objects, ImmutableArray<CheckFinding> Findings)
{
    public bool IsClean => Findings.All(f => f.Severity != FindingSeverity.Problem);

    public int Problems => Findings.Count(f => f.Severity == FindingSeverity.Problem);

    public int Warnings => Findings.Count(f => f.Severity == FindingSeverity.Warning);
}
