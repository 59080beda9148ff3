namespace MtaActors.Host.Client;

/// <summary>
/// No answer from the daemon: refused, unresolvable, or silent past the client's timeout. <see cref="NothingSent"/>
/// tells the two apart for callers that count what the daemon may have taken: a refused connection carried nothing.
/// </summary>
internal sealed class DaemonUnreachableException(string message, Exception inner, bool nothingSent) : Exception(message, inner)
{
    /// <summary>True when the connection was refused, so the request certainly never reached the daemon.</summary>
    public bool NothingSent { get; } = nothingSent;
}
