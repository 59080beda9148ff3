namespace MtaActors.Host.Bench;

/// <summary>The benchmark cannot run as asked (an unknown link in <c>--fault</c>, a topology with nothing to load): exit 2 with this one line.</summary>
internal sealed class BenchUsageException(string message) : Exception(message);
