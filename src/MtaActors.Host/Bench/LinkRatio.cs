namespace MtaActors.Host.Bench;

/// <summary>A healthy link's throughput with the faults ÷ without, within one pair.</summary>
internal sealed record LinkRatio(string Link, double NoFaultPerSecond, double WithFaultPerSecond, double Ratio);
