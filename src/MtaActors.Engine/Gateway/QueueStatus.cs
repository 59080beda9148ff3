namespace MtaActors.Engine.Gateway;

/// <summary>One queue as <c>GET /api/queues</c> shows it. <see cref="State"/> is up, retrying, down or suspended; <see cref="LastError"/> the latest failure, if any.</summary>
public sealed record QueueStatus(
    string Id,
    string Name,
    string Kind,
    bool Secured,
    string State,
    int Length,
    double OldestAgeSeconds,
    string? LastError = null);
