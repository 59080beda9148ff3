namespace MtaActors.Host.Bench;

/// <summary>Garbage collections during a run, per generation (the whole process: the engine and the load generator).</summary>
internal sealed record GcCounts(int Gen0, int Gen1, int Gen2);
