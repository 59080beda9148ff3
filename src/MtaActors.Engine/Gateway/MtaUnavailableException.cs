namespace MtaActors.Engine.Gateway;

/// <summary>The engine could not answer in time (starting, stopping, or the journal is not keeping up).</summary>
public sealed class MtaUnavailableException : Exception
{
    public MtaUnavailableException(string message) : base(message) { }

    public MtaUnavailableException(string message, Exception inner) : base(message, inner) { }
}
