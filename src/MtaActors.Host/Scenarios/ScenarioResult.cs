using System.Collections.Immutable;

namespace MtaActors.Host.Scenarios;

/// <summary>A finished run: the scenario, what was observed, and each invariant's verdict.</summary>
public sealed record ScenarioResult(
    ScenarioDefinition Scenario,
    ScenarioHistory History,
    ImmutableArray<InvariantResult> Invariants,
    double TimeScale,
    string? DaemonLog)
{
    public bool Passed => Invariants.All(i => i.Passed);

    /// <summary>Every time a queue's state differed from its previous sample: (seconds, queue, from, to, length).</summary>
    public ImmutableArray<(double At, string Queue, string From, string To, int Length)> StateChanges()
    {
        var last = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var changes = ImmutableArray.CreateBuilder<(double, string, string, string, int)>();
        foreach (var sample in History.QueueSamples.OrderBy(s => s.At))
        {
            if (last.TryGetValue(sample.Name, out var previous) && previous != sample.State)
            {
                changes.Add((sample.At, sample.Name, previous, sample.State, sample.Length));
            }

            last[sample.Name] = sample.State;
        }

        return changes.ToImmutable();
    }
}
