namespace MtaActors.Host.Bench;

/// <summary>End-to-end latency of the delivered messages of a run, in milliseconds (from an HdrHistogram at microsecond resolution).</summary>
internal sealed record LatencyFigures(long Count, double P50Ms, double P90Ms, double P99Ms, double P999Ms, double MaxMs);
