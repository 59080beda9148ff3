using System.Collections.Immutable;

namespace MtaActors.Host.Operations;

/// <summary>
/// One message in a backlog archive, in the admin API's vocabulary (wire names for priority and class), so a replay
/// turns it into a <c>POST /api/messages/batch</c> item without translation. <see cref="To"/> holds only the recipients
/// still pending; <see cref="Queues"/> says where each waited and in what state.
/// </summary>
public sealed record ArchivedMessage
{
    public required string Id { get; init; }
    public required string From { get; init; }
    public required ImmutableArray<string> To { get; init; }
    public string Priority { get; init; } = "normal";
    public string Class { get; init; } = "ipm";
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
    public long SizeBytes { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? DeferredUntil { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public ImmutableArray<ArchivedPlacement> Queues { get; init; } = [];
}

/// <summary>Recipients of an archived message that waited on one queue, with the queue's state for them.</summary>
public sealed record ArchivedPlacement(string Queue, string State, int FailedAttempts, ImmutableArray<string> Recipients);
