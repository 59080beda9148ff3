namespace MtaActors.Host.Bench;

/// <summary>The whole result of <c>mta bench</c>: one run, or comparisons (one per engine), with the settings. <c>--json</c> prints this.</summary>
internal sealed record BenchReport(BenchSettingsEcho Settings, RunFigures? Run, IReadOnlyList<EngineComparison>? Comparisons);
