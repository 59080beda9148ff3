namespace MtaActors.Host.Commands;

/// <summary>No answer from the daemon: refused, unresolvable, or silent past the client's timeout.</summary>
internal sealed class DaemonUnreachableException(string message, Exception inner) : Exception(message, inner);
