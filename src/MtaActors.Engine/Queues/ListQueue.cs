namespace MtaActors.Engine.Queues;

/// <summary>Asks a queue (the work queue or a link queue) for the messages it holds; answered with a <see cref="QueueListing"/>.</summary>
public sealed record ListQueue(MessageFilter Filter, int Offset, int Limit)
{
    /// <summary>The most messages one page may hold.</summary>
    public const int MaxLimit = 1000;
}
