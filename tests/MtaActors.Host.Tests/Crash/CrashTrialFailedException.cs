namespace MtaActors.Host.Tests.Crash;

/// <summary>A crash trial found a loss, a duplicate or an unexpected delivery, or could not run; the message names the seed.</summary>
internal sealed class CrashTrialFailedException(string message, Exception? inner = null) : Exception(message, inner);
