using System.Collections.Immutable;
using CsCheck;
using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.WorkQueue;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.WorkQueue;

/// <summary>
/// Random histories of submissions (single and batches, from a small pool of ids and contents so ids collide often),
/// finishes and snapshot recoveries, checked against the simplest model of the rule: an id, once owned, promises the
/// content it was first owned with, forever. CsCheck prints the seed of a failing history, so it can be replayed.
/// </summary>
public sealed class IdRuleProperty
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private abstract record Step;

    private sealed record SubmitStep(ImmutableArray<(int Id, int Content)> Messages) : Step;

    private sealed record FinishStep(int Id) : Step;

    private sealed record RecoverStep : Step;

    private static readonly string[] Recipients = ["bob@lon.test", "carol@par.test", "erin@nyc.test"];

    private static Message Mail(int id, int content) => TestMessages.Create(
        new MessageDraft { Id = $"id-{id}", From = "alice@lon.test", To = [Recipients[content % 3]], Subject = $"s{content / 3}" },
        T0.AddSeconds(content)); // submit time differs with the content, and is no part of it

    private static readonly Gen<Step> Steps = Gen.Frequency(
        (6, Gen.Select(Gen.Int[0, 5], Gen.Int[0, 5]).Array[1, 4].Select(ms => (Step)new SubmitStep([.. ms]))),
        (2, Gen.Int[0, 5].Select(id => (Step)new FinishStep(id))),
        (1, Gen.Const((Step)new RecoverStep())));

    [Fact]
    public void An_owned_id_always_promises_the_content_it_was_first_owned_with()
    {
        Steps.List[1, 40].Sample(history =>
        {
            var state = new WorkQueueState(TimeSpan.FromDays(1), 1000);
            var promised = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var step in history)
            {
                switch (step)
                {
                    case SubmitStep submit:
                        var messages = submit.Messages.Select(m => Mail(m.Id, m.Content)).ToList();
                        var decision = SubmissionRule.Decide(messages, id =>
                            state.Find(id) is { } pending ? new KnownSubmission(pending.Fingerprint, "queued")
                            : state.Finished.Find(id, T0) is { } finished ? new KnownSubmission(finished.Fingerprint, "finished")
                            : null);
                        Assert.Equal(Expected(messages, promised), decision.Results.Select(r => r.Outcome));
                        if (!decision.Refused)
                        {
                            Assert.Equal(decision.Fresh.Length, decision.Fresh.Select(m => m.Id).Distinct().Count());
                            foreach (var message in messages)
                            {
                                promised.TryAdd(message.Id, SubmissionFingerprint.Of(message));
                            }

                            state.Apply(new MessagesAccepted(decision.Fresh));
                        }

                        break;
                    case FinishStep finish when state.Contains($"id-{finish.Id}"):
                        state.Apply(new RecipientsCompleted([new Completion($"id-{finish.Id}", [], Final: true)], [], T0));
                        break;
                    case RecoverStep:
                        var recovered = new WorkQueueState(TimeSpan.FromDays(1), 1000);
                        recovered.Apply(state.ToSnapshot());
                        state = recovered;
                        break;
                }
            }
        });
    }

    /// <summary>The model: by index, what each message of a batch must get, given what earlier batches made owned.</summary>
    private static IEnumerable<SubmissionOutcome> Expected(List<Message> messages, Dictionary<string, string> promised)
    {
        var outcomes = new List<SubmissionOutcome>();
        var inBatch = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            var fingerprint = SubmissionFingerprint.Of(message);
            var earlier = inBatch.TryGetValue(message.Id, out var first) ? first : promised.GetValueOrDefault(message.Id);
            outcomes.Add(earlier is null ? SubmissionOutcome.Accepted : earlier == fingerprint ? SubmissionOutcome.Duplicate : SubmissionOutcome.Conflict);
            inBatch.TryAdd(message.Id, fingerprint);
        }

        return outcomes.Contains(SubmissionOutcome.Conflict)
            ? outcomes.Select(o => o == SubmissionOutcome.Conflict ? o : SubmissionOutcome.NotAccepted)
            : outcomes;
    }
}
