namespace MtaActors.Host.Bench;

/// <summary>A run could not go on (the daemon refused a batch, the engine would not start): exit 1 with this one line.</summary>
internal sealed class BenchFailedException(string message) : Exception(message);
