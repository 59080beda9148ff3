using System.Collections.Immutable;
using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;

namespace MtaActors.Engine.WorkQueue;

/// <summary>
/// "An id is a promise", decided before anything is journaled: a message whose id is known with the same
/// <see cref="SubmissionFingerprint"/> is a duplicate (answered as the first was, journaled and delivered once); with
/// another fingerprint it is a conflict, refused with the reason. A batch is accepted whole or not at all: one conflict
/// refuses every message of it. Within a batch, a repeated id is a duplicate of its first occurrence or a conflict
/// with it. Pure: the work queue passes what it knows of an id as <c>known</c>.
/// </summary>
public static class SubmissionRule
{
    public static SubmissionDecision Decide(IReadOnlyList<Message> messages, Func<string, KnownSubmission?> known)
    {
        var results = new SubmittedMessage[messages.Count];
        var fresh = ImmutableArray.CreateBuilder<Message>();
        // Fingerprints are taken only for ids seen before: a fresh id (the usual case) costs a dictionary lookup.
        var firstInBatch = new Dictionary<string, int>(StringComparer.Ordinal);
        var conflicts = false;
        for (var i = 0; i < messages.Count; i++)
        {
            var message = messages[i];
            if (firstInBatch.TryGetValue(message.Id, out var first))
            {
                results[i] = SubmissionFingerprint.Of(message) == SubmissionFingerprint.Of(messages[first])
                    ? new SubmittedMessage(message.Id, SubmissionOutcome.Duplicate)
                    : new SubmittedMessage(message.Id, SubmissionOutcome.Conflict, $"id: '{message.Id}' repeats message [{first}] of this batch with different content");
            }
            else
            {
                firstInBatch[message.Id] = i;
                if (known(message.Id) is not { } earlier)
                {
                    results[i] = new SubmittedMessage(message.Id, SubmissionOutcome.Accepted);
                    fresh.Add(message);
                }
                else if (earlier.Fingerprint == SubmissionFingerprint.Of(message))
                {
                    results[i] = new SubmittedMessage(message.Id, SubmissionOutcome.Duplicate);
                }
                else
                {
                    results[i] = new SubmittedMessage(
                        message.Id,
                        SubmissionOutcome.Conflict,
                        $"id: '{message.Id}' is already taken by a different message ({earlier.State}); an id may be submitted again only with the same content");
                }
            }

            conflicts |= results[i].Outcome == SubmissionOutcome.Conflict;
        }

        if (conflicts)
        {
            return new SubmissionDecision(
                [.. results.Select(r => r.Outcome == SubmissionOutcome.Conflict ? r : r with { Outcome = SubmissionOutcome.NotAccepted })],
                []);
        }

        return new SubmissionDecision([.. results], fresh.ToImmutable());
    }
}
