namespace MtaActors.Host.Bench;

/// <summary>
/// One loaded link in a run: messages aimed at it, delivered through it, and its throughput
/// (delivered ÷ seconds from the start of the run to its last delivery). <see cref="State"/> as the engine reported
/// it at the end of the run (<c>-</c> where the engine has no link states).
/// </summary>
internal sealed record LinkFigures(string Name, string Kind, bool Secured, bool Faulted, long Expected, long Delivered, double Seconds, double PerSecond, string State);
