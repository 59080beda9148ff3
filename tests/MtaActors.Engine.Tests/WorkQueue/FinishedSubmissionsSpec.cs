using Akka.Actor;
using MtaActors.Core.Messages;
using MtaActors.Engine.Persistence;
using MtaActors.Engine.WorkQueue;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.WorkQueue;

/// <summary>
/// The window of finished ids: bounded by count and by age, filled and emptied only by journaled facts, and carried
/// whole through a snapshot (serialized as the journal stores it).
/// </summary>
public sealed class FinishedSubmissionsSpec
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static Message Mail(string id) => TestMessages.Create(new MessageDraft { Id = id, From = "alice@lon.test", To = ["bob@lon.test", "carol@par.test"] }, T0);

    private static void Finish(WorkQueueState state, string id, DateTimeOffset at)
        => state.Apply(new RecipientsCompleted([new Completion(id, [], Final: true)], [], at));

    [Fact]
    public void Finished_message_keeps_its_fingerprint_until_the_window_ages_it_out()
    {
        var state = new WorkQueueState(TimeSpan.FromHours(24), 100);
        state.Apply(new MessagesAccepted([Mail("a")]));
        Finish(state, "a", T0.AddMinutes(1));

        Assert.False(state.Contains("a"));
        Assert.Equal(SubmissionFingerprint.Of(Mail("a")), state.Finished.Find("a", T0.AddHours(23))?.Fingerprint);
        Assert.Null(state.Finished.Find("a", T0.AddHours(25)));
    }

    [Fact]
    public void Window_holds_at_most_its_size_dropping_the_oldest()
    {
        var state = new WorkQueueState(TimeSpan.FromHours(24), 2);
        foreach (var (id, i) in new[] { "a", "b", "c" }.Select((id, i) => (id, i)))
        {
            state.Apply(new MessagesAccepted([Mail(id)]));
            Finish(state, id, T0.AddMinutes(i));
        }

        Assert.Equal(2, state.Finished.Count);
        Assert.Null(state.Finished.Find("a", T0));
        Assert.NotNull(state.Finished.Find("c", T0));
    }

    [Fact]
    public void Message_reinstated_with_some_recipients_still_promises_what_was_first_submitted()
    {
        var state = new WorkQueueState(TimeSpan.FromHours(24), 100);
        state.Apply(new MessagesAccepted([Mail("a")]));
        Finish(state, "a", T0.AddMinutes(1));

        var original = Mail("a");
        state.Apply(new MessagesReinstated([new Core.Messages.Envelope(original, [original.Recipients[1]])]));

        Assert.Equal(SubmissionFingerprint.Of(original), state.Find("a")!.Fingerprint);
        Assert.Equal(0, state.Finished.Count);
    }

    [Fact]
    public void Snapshot_carries_pending_fingerprints_and_the_window_through_the_journal_serializer()
    {
        var state = new WorkQueueState(TimeSpan.FromHours(24), 100);
        state.Apply(new MessagesAccepted([Mail("done"), Mail("queued")]));
        Finish(state, "done", T0.AddMinutes(1));

        using var system = ActorSystem.Create("snapshot-spec");
        var serializer = new MtaEventSerializer((ExtendedActorSystem)system);
        var snapshot = state.ToSnapshot();
        var stored = (WorkQueueSnapshot)serializer.FromBinary(serializer.ToBinary(snapshot), serializer.Manifest(snapshot));
        var recovered = new WorkQueueState(TimeSpan.FromHours(24), 100);
        recovered.Apply(stored);

        Assert.Equal(SubmissionFingerprint.Of(Mail("queued")), recovered.Find("queued")!.Fingerprint);
        Assert.Equal(new FinishedSubmission("done", SubmissionFingerprint.Of(Mail("done")), T0.AddMinutes(1)), recovered.Finished.Find("done", T0.AddHours(1)));
    }

    [Fact]
    public void Snapshot_written_before_the_window_recovers_with_an_empty_one()
    {
        using var system = ActorSystem.Create("snapshot-spec");
        var serializer = new MtaEventSerializer((ExtendedActorSystem)system);
        var old = new WorkQueueSnapshot([new PendingMessageSnapshot(Mail("queued"), [], [])], []);
        // Written before the window (and before checksums): the plain JSON of format 1, without "finished".
        var sealedText = System.Text.Encoding.UTF8.GetString(serializer.ToBinary(old));
        var json = sealedText[(sealedText.IndexOf('\n', StringComparison.Ordinal) + 1)..].Replace(",\"finished\":[]", "", StringComparison.Ordinal);
        Assert.DoesNotContain("finished", json, StringComparison.Ordinal);

        var stored = (WorkQueueSnapshot)serializer.FromBinary(System.Text.Encoding.UTF8.GetBytes(json), serializer.Manifest(old));
        var recovered = new WorkQueueState();
        recovered.Apply(stored);

        Assert.Equal(SubmissionFingerprint.Of(Mail("queued")), recovered.Find("queued")!.Fingerprint);
        Assert.Equal(0, recovered.Finished.Count);
    }
}
