using System.Collections.Immutable;
using MtaActors.Core.Messages;

namespace MtaActors.Engine.Queues;

/// <summary>
/// One message as an operator sees it on a queue: its envelope (the recipients this queue holds it for), when it was
/// submitted and when it reached this queue, its <see cref="State"/> there (see <see cref="QueuedMessageStates"/>) and
/// how many transfers of it failed; <see cref="Detail"/> says why it is where it is when that is not plain (a held or
/// quarantined message).
/// </summary>
public sealed record QueuedMessageView(
    string Id,
    string From,
    ImmutableArray<string> Recipients,
    Priority Priority,
    MessageClass Class,
    long SizeBytes,
    DateTimeOffset SubmittedAt,
    DateTimeOffset QueuedAt,
    double AgeSeconds,
    string State,
    int Attempts,
    string? Detail = null)
{
    public static QueuedMessageView Of(Message message, IEnumerable<string> recipients, DateTimeOffset queuedAt, DateTimeOffset now, string state, int attempts, string? detail = null)
        => new(
            message.Id,
            message.Originator.ToString(),
            [.. recipients],
            message.Priority,
            message.Class,
            message.SizeBytes,
            message.SubmittedAt,
            queuedAt,
            Math.Max(0, (now - queuedAt).TotalSeconds),
            state,
            attempts,
            detail);
}

/// <summary>The states a queued message can be in.</summary>
public static class QueuedMessageStates
{
    /// <summary>Waiting its turn on a link that is up.</summary>
    public const string Ready = "ready";

    /// <summary>In the transfer under way.</summary>
    public const string Sending = "sending";

    /// <summary>On a link that is retrying, down or suspended: it waits for the link.</summary>
    public const string Retrying = "retrying";

    /// <summary>Expired on its link; the work queue is writing its non-delivery report.</summary>
    public const string Failing = "failing";

    /// <summary>In the work queue, waiting for a route that is up.</summary>
    public const string WaitingForRoute = "waiting-for-route";

    /// <summary>In the work queue, deferred until its delivery time.</summary>
    public const string Deferred = "deferred";

    /// <summary>Held by an operator on its queue: not transferred until released.</summary>
    public const string Held = "held";

    /// <summary>Being removed by an operator: the work queue is recording the removal (and writing the report, if asked).</summary>
    public const string Removing = "removing";

    /// <summary>Crashed the link's session twice; being handed to the poison queue.</summary>
    public const string Quarantining = "quarantining";

    /// <summary>On the poison queue: suspended until an operator releases or removes it.</summary>
    public const string Poisoned = "poisoned";
}
