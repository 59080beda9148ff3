namespace MtaActors.Host.Bench;

/// <summary>
/// One side-by-side pair: the same load without and with the faults. <see cref="HealthyRatio"/> is the healthy links'
/// throughput with the faults ÷ without (1.0: the faulted link cost the others nothing).
/// </summary>
internal sealed record ComparePair(RunFigures NoFault, RunFigures WithFault, double HealthyRatio, IReadOnlyList<LinkRatio> Links);
