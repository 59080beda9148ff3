using MtaActors.Engine.Queues;

namespace MtaActors.Host.Api;

/// <summary>
/// The answer to a message operation: the message, the action, and every queue that holds the message with what it did
/// (<c>done</c> or <c>refused</c>, and why).
/// </summary>
public sealed record MessageOperationReply(string Id, string Action, IReadOnlyList<QueueAnswerReply> Queues)
{
    public static MessageOperationReply Of(MessageOperationReport report)
        => new(report.MessageId, ActionName(report.Action), [.. report.Queues.Select(q => new QueueAnswerReply(q.Queue, q.Outcome == MessageOperationOutcome.Done ? "done" : "refused", q.Detail))]);

    public static string ActionName(MessageAction action) => action.ToString().ToLowerInvariant();
}

/// <summary>One queue's part in a message operation.</summary>
public sealed record QueueAnswerReply(string Queue, string Outcome, string Detail);
