namespace MtaActors.Host.Tests.Scenarios;

/// <summary>
/// The shipped scenarios check throughput ratios (isolation) over a few seconds: they run alone, after the parallel
/// specs, so a crash trial's child daemons starting beside them cannot take the healthy links' share of two cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ScenarioCollection
{
    public const string Name = "scenarios";
}
