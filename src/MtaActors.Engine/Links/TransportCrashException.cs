namespace MtaActors.Engine.Links;

/// <summary>A transport threw instead of answering: the session crashes with this and is restarted by its link.</summary>
public sealed class TransportCrashException : Exception
{
    public TransportCrashException(long batchId, Exception inner) : base($"transport crashed on batch {batchId}: {inner.Message}", inner)
        => BatchId = batchId;

    public long BatchId { get; }
}
