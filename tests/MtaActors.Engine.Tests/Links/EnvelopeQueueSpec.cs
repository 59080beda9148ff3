using MtaActors.Core.Messages;
using MtaActors.Engine.Links;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Links;

/// <summary>The link queue's content: holds, crash suspects, and the journal's apply agreeing with the live queue.</summary>
public sealed class EnvelopeQueueSpec
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static QueuedEnvelope Queued(string id, params string[] to)
        => new(TestMessages.EnvelopeFor(TestMessages.Create(new MessageDraft { Id = id, From = "alice@lon.test", To = [.. to] })), Now);

    [Fact]
    public void A_held_envelope_is_counted_and_listed_but_never_taken_until_released()
    {
        var queue = new EnvelopeQueue();
        queue.Add(Queued("a", "x@par.test"));
        queue.Add(Queued("b", "y@par.test"));

        Assert.True(queue.Hold("a"));

        Assert.Equal((2, 1), (queue.Count, queue.ReadyCount));
        Assert.Equal(["b"], queue.TakeBatch(10).Select(q => q.MessageId));
        Assert.Empty(queue.TakeBatch(10));
        Assert.True(queue.Find("a")!.Held);
        Assert.True(queue.Release("a"));
        Assert.Equal(["a"], queue.TakeBatch(10).Select(q => q.MessageId));
    }

    [Fact]
    public void A_suspect_travels_alone_and_ends_the_batch_that_reaches_it()
    {
        var queue = new EnvelopeQueue();
        queue.Add(Queued("a", "x@par.test"));
        queue.Add(Queued("b", "x@par.test") with { Crashes = 1 });
        queue.Add(Queued("c", "x@par.test"));

        Assert.Equal(["a"], queue.TakeBatch(10).Select(q => q.MessageId));
        Assert.Equal(["b"], queue.TakeBatch(10).Select(q => q.MessageId));
        Assert.Equal(["c"], queue.TakeBatch(10).Select(q => q.MessageId));
    }

    [Fact]
    public void A_batch_returned_while_another_copy_of_its_message_is_held_merges_into_the_held_one()
    {
        var queue = new EnvelopeQueue();
        queue.Add(Queued("m", "a@par.test"));
        var inFlight = queue.TakeBatch(10);
        queue.Add(Queued("m", "b@par.test")); // enqueued again while in flight
        Assert.True(queue.Hold("m"));

        queue.ReturnToFront(inFlight); // the transfer failed

        Assert.Equal(1, queue.Count);
        var held = queue.Find("m")!;
        Assert.True(held.Held);
        Assert.Equal(["a@par.test", "b@par.test"], held.Envelope.Recipients.Select(r => r.Value).Order());
        Assert.Empty(queue.TakeBatch(10));
    }

    [Fact]
    public void The_journal_apply_rebuilds_holds_and_crashes_as_the_live_queue_had_them()
    {
        var queue = new EnvelopeQueue();
        SecuredQueueJournal.Apply(queue, new EnvelopesEnqueued([Queued("a", "x@internet.test"), Queued("b", "y@internet.test")]));
        SecuredQueueJournal.Apply(queue, new TransferCrashed(["a", "b"], "boom"));
        SecuredQueueJournal.Apply(queue, new EnvelopesHeld(["b"]));
        SecuredQueueJournal.Apply(queue, new EnvelopesRemoved(["a"], RemovalReason.Quarantined));

        var b = Assert.Single(queue.Items);
        Assert.Equal(("b", 1, 1, true), (b.MessageId, b.Crashes, b.FailedAttempts, b.Held));
        Assert.False(SecuredQueueJournal.Apply(queue, "not an event"));
    }
}
