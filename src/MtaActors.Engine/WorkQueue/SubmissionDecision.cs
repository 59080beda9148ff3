using System.Collections.Immutable;
using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;

namespace MtaActors.Engine.WorkQueue;

/// <summary>The answer for every message, in order, and the messages to journal (none when the batch is refused).</summary>
public sealed record SubmissionDecision(ImmutableArray<SubmittedMessage> Results, ImmutableArray<Message> Fresh)
{
    public bool Refused => Results.Any(r => r.Outcome == SubmissionOutcome.Conflict);
}
