using System.Collections.Immutable;

namespace MtaActors.Engine.Queues;

/// <summary>What an operator can do to one message (Exchange Queue Viewer, Postfix <c>postsuper</c>).</summary>
public enum MessageAction
{
    /// <summary>Keep it on its queue but transfer it no more until released.</summary>
    Hold,

    /// <summary>Undo a hold; on the poison queue, hand the message back to the router.</summary>
    Release,

    /// <summary>Take it off its queue for good, with a non-delivery report when asked.</summary>
    Remove,

    /// <summary>Hand it back to the router to be routed again (non-secured queues only).</summary>
    Requeue,
}

/// <summary>
/// Asks a queue to apply <see cref="Action"/> to a message if it holds it; answered with one <see cref="MessageOperated"/>.
/// <see cref="Report"/> asks for a non-delivery report with <see cref="MessageAction.Remove"/>.
/// </summary>
public sealed record OperateOnMessage(string MessageId, MessageAction Action, bool Report = false);

/// <summary>One queue's answer to <see cref="OperateOnMessage"/>.</summary>
public sealed record MessageOperated(string Queue, MessageOperationOutcome Outcome, string Detail)
{
    public static MessageOperated NotHere(string queue) => new(queue, MessageOperationOutcome.NotHere, "");

    /// <summary>What every queue answers (and tracks) for a removal, with or without a non-delivery report.</summary>
    public static string RemovalDetail(bool report) => report ? "removed with a non-delivery report" : "removed without a report";
}

/// <summary>How a queue answered a message operation.</summary>
public enum MessageOperationOutcome
{
    /// <summary>The queue does not hold the message.</summary>
    NotHere,

    /// <summary>Done (journaled first where the queue is secured).</summary>
    Done,

    /// <summary>The queue holds the message but the operation does not apply to it now; the detail says why.</summary>
    Refused,
}

/// <summary>
/// What a message operation did across the engine: every queue that holds the message and its answer (a message can
/// be on several queues, one per group of recipients).
/// </summary>
public sealed record MessageOperationReport(string MessageId, MessageAction Action, ImmutableArray<MessageOperated> Queues)
{
    /// <summary>True when some queue holds the message.</summary>
    public bool Found => !Queues.IsEmpty;

    /// <summary>True when at least one queue did it.</summary>
    public bool Done => Queues.Any(q => q.Outcome == MessageOperationOutcome.Done);
}

/// <summary>
/// Asks a queue to try again now: skip the retry wait and, on a non-secured link, hand its waiting messages back to be
/// routed again. Answered with <see cref="QueueRetried"/>.
/// </summary>
public sealed record RetryQueue
{
    public static readonly RetryQueue Instance = new();
}

/// <summary>What a retry did: the queue's state after it, how many messages went back to the router, or why it was refused.</summary>
public sealed record QueueRetried(string Queue, string State, int Rerouted, bool Refused, string Detail);
