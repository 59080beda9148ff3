namespace MtaActors.Host.Bench;

/// <summary>A run's progress, reported a few times a second for the live progress bar.</summary>
internal readonly record struct RunProgress(string Label, int Messages, long Submitted, long Delivered);
