using System.Collections.Immutable;

namespace MtaActors.Engine.Queues;

/// <summary>One page of the messages on a queue that match a filter, oldest on the queue first, and how many matched in all.</summary>
public sealed record QueueListing(string Queue, int Total, int Offset, ImmutableArray<QueuedMessageView> Messages)
{
    public static QueueListing Page(string queue, IEnumerable<QueuedMessageView> messages, ListQueue request)
    {
        var matching = messages.Where(request.Filter.Matches).OrderBy(m => m.QueuedAt).ThenBy(m => m.Id, StringComparer.Ordinal).ToList();
        return new QueueListing(queue, matching.Count, request.Offset, [.. matching.Skip(request.Offset).Take(request.Limit)]);
    }
}
