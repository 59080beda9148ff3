namespace MtaActors.Host.Client;

/// <summary>The filters and page of <c>GET /api/queues/{name}/messages</c>; null leaves a filter out (the daemon's default).</summary>
internal sealed record QueueListingQuery
{
    public string? Sender { get; init; }

    public string? Recipient { get; init; }

    public long? MinAgeSeconds { get; init; }

    /// <summary>The class by its wire name (<c>ipm</c>, <c>link-monitor</c>, ...).</summary>
    public string? Class { get; init; }

    public long? Offset { get; init; }

    public long? Limit { get; init; }
}
