using MtaActors.Engine.Queues;

namespace MtaActors.Host.Api;

/// <summary><c>GET /api/queues/{name}/messages</c>: one page of a queue's messages, with priorities and classes by their wire names.</summary>
public sealed record QueueListingReply(string Queue, int Total, int Offset, IReadOnlyList<QueuedMessageReply> Messages)
{
    public static QueueListingReply Of(QueueListing listing)
        => new(listing.Queue, listing.Total, listing.Offset, [.. listing.Messages.Select(QueuedMessageReply.Of)]);
}

/// <summary>One message on a queue, as the API shows it.</summary>
public sealed record QueuedMessageReply(
    string Id,
    string From,
    IReadOnlyList<string> Recipients,
    string Priority,
    string Class,
    long SizeBytes,
    DateTimeOffset SubmittedAt,
    DateTimeOffset QueuedAt,
    double AgeSeconds,
    string State,
    int Attempts,
    string? Detail)
{
    public static QueuedMessageReply Of(QueuedMessageView view)
        => new(view.Id, view.From, view.Recipients, WireNames.Of(view.Priority), WireNames.Of(view.Class), view.SizeBytes, view.SubmittedAt, view.QueuedAt, view.AgeSeconds, view.State, view.Attempts, view.Detail);
}
