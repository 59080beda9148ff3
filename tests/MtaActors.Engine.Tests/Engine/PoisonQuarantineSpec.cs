using MtaActors.Core.Messages;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Poison;
using MtaActors.Engine.Queues;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Engine;

/// <summary>
/// Poison quarantine (Exchange's poison queue): a message whose transfer crashes a link's session twice goes to the
/// poison queue with the reason; the rest of the link's queue keeps flowing; an operator releases or removes it.
/// </summary>
public sealed class PoisonQuarantineSpec : InMemoryEngineTestKit
{
    private static Task<QueueListing> ListAsync(IMtaGateway mta, string queue)
        => mta.ListMessagesAsync(queue, new ListQueue(MessageFilter.Any, 0, 100), CancellationToken.None);

    private static long Distinct(IMtaGateway mta, string site) => mta.GetSites().Single(s => s.Name == site).Distinct;

    [Theory]
    [InlineData("x400-par", "carol@par.test", "Paris")]
    [InlineData("imc", "someone@internet.test", "Internet")]
    public async Task A_message_that_crashes_the_session_twice_is_quarantined_and_the_rest_flows(string link, string recipient, string site)
    {
        var mta = await StartAsync();
        mta.Faults.Set(link, new CrashFault("POISON"));

        // Submitted together, the ten reach the link in one hand-off and go out in one batch: the poison message
        // shares it with innocent ones, which must not be quarantined with it.
        var messages = Enumerable.Range(0, 10)
            .Select(i => TestMessages.Create(new MessageDraft { Id = $"m-{i}", From = "alice@lon.test", To = [recipient], Subject = i == 4 ? "POISON pill" : $"message {i}" }))
            .ToList();
        await mta.SubmitAsync(messages, CancellationToken.None);

        await AwaitConditionAsync(() => Task.FromResult(Distinct(mta, site) == 9), Patience);
        await AwaitConditionAsync(async () => (await ListAsync(mta, PoisonQueue.Name)).Total == 1, Patience);

        var poisoned = Assert.Single((await ListAsync(mta, PoisonQueue.Name)).Messages);
        Assert.Equal("m-4", poisoned.Id);
        Assert.Equal(QueuedMessageStates.Poisoned, poisoned.State);
        Assert.Contains(link, poisoned.Detail, StringComparison.Ordinal);
        Assert.Contains("crash", poisoned.Detail, StringComparison.Ordinal);
        await AwaitConditionAsync(async () => (await ListAsync(mta, link)).Total == 0, Patience);
        var queues = await mta.GetQueuesAsync(CancellationToken.None);
        var poisonStatus = queues.Single(q => q.Name == PoisonQueue.Name);
        Assert.Equal(("suspended", 1, true), (poisonStatus.State, poisonStatus.Length, poisonStatus.Secured));
        Assert.Equal(1, mta.GetStatistics().Quarantined);
        Assert.Equal(9, Distinct(mta, site));

        // Fixed: released, the router routes it again and it is delivered, once.
        mta.Faults.Clear(link);
        var released = await mta.OperateOnMessageAsync("m-4", MessageAction.Release, report: false, CancellationToken.None);
        Assert.True(released.Done);
        await AwaitConditionAsync(() => Task.FromResult(Distinct(mta, site) == 10), Patience);
        Assert.Empty((await ListAsync(mta, PoisonQueue.Name)).Messages);
        Assert.Equal(0, mta.GetSites().Single(s => s.Name == site).DuplicatesSuppressed);
    }

    [Fact]
    public async Task A_quarantined_message_removed_with_a_report_sends_the_originator_a_non_delivery_report()
    {
        var mta = await StartAsync();
        mta.Faults.Set("imc", new CrashFault("POISON"));
        await SendAsync(mta, new MessageDraft { Id = "p-1", From = "alice@lon.test", To = ["x@internet.test"], Subject = "POISON" });
        await AwaitConditionAsync(async () => (await ListAsync(mta, PoisonQueue.Name)).Total == 1, Patience);

        var hold = await mta.OperateOnMessageAsync("p-1", MessageAction.Hold, report: false, CancellationToken.None);
        Assert.Equal(MessageOperationOutcome.Refused, Assert.Single(hold.Queues).Outcome);

        var removed = await mta.OperateOnMessageAsync("p-1", MessageAction.Remove, report: true, CancellationToken.None);

        Assert.True(removed.Done);
        Assert.Equal(PoisonQueue.Name, Assert.Single(removed.Queues).Queue);
        await AwaitConditionAsync(() => Task.FromResult(Distinct(mta, "local-store") == 1), Patience);
        Assert.Empty((await ListAsync(mta, PoisonQueue.Name)).Messages);
        Assert.Equal(0, Distinct(mta, "Internet"));
        Assert.False((await mta.OperateOnMessageAsync("p-1", MessageAction.Release, report: false, CancellationToken.None)).Found);
    }

    [Fact]
    public async Task A_transport_that_crashes_on_everything_does_not_empty_its_queue_into_the_poison_queue()
    {
        var mta = await StartAsync();
        mta.Faults.Set("x400-par", new CrashFault(""));
        var messages = Enumerable.Range(0, 8)
            .Select(i => TestMessages.Create(new MessageDraft { Id = $"c-{i}", From = "alice@lon.test", To = ["carol@par.test"] }))
            .ToList();
        await mta.SubmitAsync(messages, CancellationToken.None);

        // Crashes back off exponentially (100 ms, 200 ms, ...): a few seconds see several rounds.
        await AwaitConditionAsync(async () => (await ListAsync(mta, "x400-par")).Messages.Sum(m => m.Attempts) >= 10, Patience);
        var quarantined = (await ListAsync(mta, PoisonQueue.Name)).Total;
        Assert.InRange(quarantined, 0, 1); // the first suspect alone may be blamed; then the transport is
        Assert.Equal(8 - quarantined, (await ListAsync(mta, "x400-par")).Total);

        mta.Faults.Clear("x400-par");
        await mta.RetryQueueAsync("x400-par", CancellationToken.None);
        await AwaitConditionAsync(() => Task.FromResult(Distinct(mta, "Paris") == 8 - quarantined), TimeSpan.FromSeconds(40));
    }

    [Fact]
    public async Task The_poison_queue_is_never_retried()
    {
        var mta = await StartAsync();

        var retried = await mta.RetryQueueAsync(PoisonQueue.Name, CancellationToken.None);

        Assert.True(retried.Refused);
        Assert.Contains("release", retried.Detail, StringComparison.Ordinal);
    }
}
