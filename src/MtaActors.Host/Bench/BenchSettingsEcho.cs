namespace MtaActors.Host.Bench;

/// <summary>The settings a report was measured with, and the machine, so that a JSON report stands on its own.</summary>
internal sealed record BenchSettingsEcho(
    string Target,
    string Topology,
    int Links,
    double SecuredFraction,
    int Messages,
    int SizeBytes,
    int Batch,
    int InFlight,
    double? Rate,
    string PriorityMix,
    string Journal,
    IReadOnlyList<string> Faults,
    int Repeat,
    int Warmup,
    double TransferTimeoutSeconds,
    double TimeoutSeconds,
    int ProcessorCount,
    DateTimeOffset Date,
    bool Metrics);
