using MtaActors.Core.Messages;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Queues;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Engine;

/// <summary>
/// Operations on single messages and whole queues (Exchange Queue Viewer, Postfix postsuper): hold and release, remove
/// with or without a report, requeue, retry; on the real engine's queues.
/// </summary>
public sealed class MessageOperationsSpec : InMemoryEngineTestKit
{
    private static Task<QueueListing> ListAsync(IMtaGateway mta, string queue)
        => mta.ListMessagesAsync(queue, new ListQueue(MessageFilter.Any, 0, 100), CancellationToken.None);

    private static long Distinct(IMtaGateway mta, string site) => mta.GetSites().Single(s => s.Name == site).Distinct;

    private static Task<MessageOperationReport> OperateAsync(IMtaGateway mta, string id, MessageAction action, bool report = false)
        => mta.OperateOnMessageAsync(id, action, report, CancellationToken.None);

    private async Task WaitUntilQueuedAsync(IMtaGateway mta, string queue, int count)
        => await AwaitConditionAsync(async () => (await ListAsync(mta, queue)).Messages.Count(m => m.State != QueuedMessageStates.Sending) == count, Patience);

    [Fact]
    public async Task A_held_message_stays_on_its_secured_queue_while_the_rest_is_delivered_until_released()
    {
        var mta = await StartAsync();
        mta.Faults.Set("imc", new DownFault());
        await SendAsync(mta, new MessageDraft { Id = "h-1", From = "alice@lon.test", To = ["x@internet.test"] });
        await SendAsync(mta, new MessageDraft { Id = "h-2", From = "alice@lon.test", To = ["y@internet.test"] });
        await WaitUntilQueuedAsync(mta, "imc", 2);

        var held = await OperateAsync(mta, "h-1", MessageAction.Hold);

        Assert.True(held.Done);
        Assert.Equal("imc", Assert.Single(held.Queues).Queue);
        mta.Faults.Clear("imc");
        await mta.RetryQueueAsync("imc", CancellationToken.None);
        await AwaitConditionAsync(async () => Distinct(mta, "Internet") == 1 && (await ListAsync(mta, "imc")).Total == 1, Patience);
        var listing = await ListAsync(mta, "imc");
        var onQueue = Assert.Single(listing.Messages);
        Assert.Equal(("h-1", QueuedMessageStates.Held), (onQueue.Id, onQueue.State));
        Assert.False((await OperateAsync(mta, "h-2", MessageAction.Hold)).Found); // delivered: on no queue

        var released = await OperateAsync(mta, "h-1", MessageAction.Release);

        Assert.True(released.Done);
        await AwaitConditionAsync(async () => Distinct(mta, "Internet") == 2 && (await ListAsync(mta, "imc")).Total == 0, Patience);
    }

    [Fact]
    public async Task A_message_released_on_a_non_secured_link_that_went_down_meanwhile_is_routed_elsewhere()
    {
        var mta = await StartAsync();

        // p-1 is caught on x400-par and held there.
        mta.Faults.Set("x400-par", new HangFault());
        await SendAsync(mta, new MessageDraft { Id = "p-1", From = "alice@lon.test", To = ["carol@par.test"] });
        await AwaitConditionAsync(async () => (await ListAsync(mta, "x400-par")).Total == 1, Patience);
        await mta.SuspendAsync("x400-par", "test", CancellationToken.None);
        await WaitUntilQueuedAsync(mta, "x400-par", 1);
        Assert.True((await OperateAsync(mta, "p-1", MessageAction.Hold)).Done);

        // The link comes back refusing: p-2 fails on it until it is down and handed back, then goes by site-par.
        mta.Faults.Set("x400-par", new DownFault());
        await mta.ResumeAsync("x400-par", CancellationToken.None);
        await SendAsync(mta, new MessageDraft { Id = "p-2", From = "alice@lon.test", To = ["carol@par.test"] });
        await AwaitConditionAsync(async () => Distinct(mta, "Paris") == 1 && (await mta.GetQueuesAsync(CancellationToken.None)).Single(q => q.Name == "x400-par").State == "down", Patience);

        Assert.True((await OperateAsync(mta, "p-1", MessageAction.Release)).Done);

        await AwaitConditionAsync(async () => Distinct(mta, "Paris") == 2 && (await ListAsync(mta, "x400-par")).Total == 0, Patience);
    }

    [Fact]
    public async Task Releasing_a_message_that_is_not_held_is_refused_with_the_reason()
    {
        var mta = await StartAsync();
        mta.Faults.Set("imc", new DownFault());
        await SendAsync(mta, new MessageDraft { Id = "r-1", From = "alice@lon.test", To = ["x@internet.test"] });
        await WaitUntilQueuedAsync(mta, "imc", 1);

        var answer = Assert.Single((await OperateAsync(mta, "r-1", MessageAction.Release)).Queues);

        Assert.Equal((MessageOperationOutcome.Refused, "not held"), (answer.Outcome, answer.Detail));
    }

    [Fact]
    public async Task Removing_with_a_report_answers_the_originator_and_without_one_does_not()
    {
        var mta = await StartAsync();
        mta.Faults.Set("imc", new DownFault());
        mta.Faults.Set("x400-nyc", new HangFault());
        await SendAsync(mta, new MessageDraft { Id = "ndr-1", From = "alice@lon.test", To = ["x@internet.test"] });
        await SendAsync(mta, new MessageDraft { Id = "quiet-1", From = "bob@lon.test", To = ["y@internet.test"] });
        await WaitUntilQueuedAsync(mta, "imc", 2);

        var reported = await OperateAsync(mta, "ndr-1", MessageAction.Remove, report: true);
        var quiet = await OperateAsync(mta, "quiet-1", MessageAction.Remove);

        Assert.True(reported.Done && quiet.Done);
        await AwaitConditionAsync(() => Task.FromResult(Distinct(mta, "local-store") == 1), Patience);
        Assert.Empty((await ListAsync(mta, "imc")).Messages);
        mta.Faults.Clear("imc");
        await SendAsync(mta, new MessageDraft { Id = "after", From = "alice@lon.test", To = ["z@internet.test"] });
        await AwaitConditionAsync(() => Task.FromResult(Distinct(mta, "Internet") == 1), Patience);
        Assert.Equal(1, Distinct(mta, "local-store")); // one report, to alice; none to bob
        Assert.Equal(1, mta.GetStatistics().NonDelivered);
        Assert.False((await OperateAsync(mta, "ndr-1", MessageAction.Remove)).Found);
    }

    [Fact]
    public async Task A_message_removed_from_a_non_secured_link_is_finished_with_in_the_work_queue()
    {
        var mta = await StartAsync();

        // Caught on the link, which is then suspended (a suspended link keeps what it holds; the router routes around it).
        mta.Faults.Set("x400-nyc", new HangFault());
        await SendAsync(mta, new MessageDraft { Id = "n-1", From = "alice@lon.test", To = ["dave@nyc.test"] });
        await AwaitConditionAsync(async () => (await ListAsync(mta, "x400-nyc")).Total == 1, Patience);
        await mta.SuspendAsync("x400-nyc", "test", CancellationToken.None);
        mta.Faults.Clear("x400-nyc");
        await WaitUntilQueuedAsync(mta, "x400-nyc", 1);

        var removed = await OperateAsync(mta, "n-1", MessageAction.Remove);

        Assert.True(removed.Done);
        await mta.ResumeAsync("x400-nyc", CancellationToken.None);
        await SendAsync(mta, new MessageDraft { Id = "n-2", From = "alice@lon.test", To = ["erin@nyc.test"] });
        await AwaitConditionAsync(() => Task.FromResult(Distinct(mta, "NewYork") == 1), Patience);
        Assert.Equal(1, Distinct(mta, "NewYork"));
        Assert.Equal(0, Distinct(mta, "local-store"));
    }

    [Fact]
    public async Task Requeue_is_refused_on_a_secured_queue_and_routes_a_non_secured_message_again()
    {
        var mta = await StartAsync();
        mta.Faults.Set("imc", new DownFault());
        await SendAsync(mta, new MessageDraft { Id = "s-1", From = "alice@lon.test", To = ["x@internet.test"] });
        await WaitUntilQueuedAsync(mta, "imc", 1);

        var secured = Assert.Single((await OperateAsync(mta, "s-1", MessageAction.Requeue)).Queues);
        Assert.Equal(MessageOperationOutcome.Refused, secured.Outcome);
        Assert.Contains("secured", secured.Detail, StringComparison.Ordinal);

        // p-1 is caught on x400-par, which is then suspended: requeued, the router takes the alternate site-par.
        mta.Faults.Set("x400-par", new HangFault());
        await SendAsync(mta, new MessageDraft { Id = "p-1", From = "alice@lon.test", To = ["carol@par.test"] });
        await AwaitConditionAsync(async () => (await ListAsync(mta, "x400-par")).Total == 1, Patience);
        await mta.SuspendAsync("x400-par", "test", CancellationToken.None);
        mta.Faults.Clear("x400-par");
        await WaitUntilQueuedAsync(mta, "x400-par", 1);

        var requeued = Assert.Single((await OperateAsync(mta, "p-1", MessageAction.Requeue)).Queues);

        Assert.Equal(("x400-par", MessageOperationOutcome.Done), (requeued.Queue, requeued.Outcome));
        await AwaitConditionAsync(async () => Distinct(mta, "Paris") == 1 && (await ListAsync(mta, "x400-par")).Total == 0, Patience);
    }

    [Fact]
    public async Task Retry_hands_a_non_secured_link_s_waiting_mail_back_to_the_router()
    {
        // The link keeps retrying (never goes down, which would hand the message back by itself).
        var mta = await StartAsync(TestTopologies.Small(retry: TestTopologies.FastRetry with { MaxOpenRetries = 1000 }));
        mta.Faults.Set("x400-par", new ErrorRateFault(1));
        await SendAsync(mta, new MessageDraft { Id = "t-1", From = "alice@lon.test", To = ["carol@par.test"] });
        await AwaitConditionAsync(async () => (await ListAsync(mta, "x400-par")).Messages.Any(m => m.Attempts > 0 && m.State != QueuedMessageStates.Sending), Patience);

        // The router may well pick x400-par again (it is retrying, not down): the message must not be lost either way.
        mta.Faults.Clear("x400-par");
        var retried = await mta.RetryQueueAsync("x400-par", CancellationToken.None);

        Assert.False(retried.Refused);
        await AwaitConditionAsync(() => Task.FromResult(Distinct(mta, "Paris") == 1), Patience);
    }

    [Fact]
    public async Task Retry_is_refused_on_a_suspended_link_and_unknown_names_are_errors()
    {
        var mta = await StartAsync();
        await mta.SuspendAsync("imc", "test", CancellationToken.None);

        Assert.True((await mta.RetryQueueAsync("imc", CancellationToken.None)).Refused);
        Assert.False((await mta.RetryQueueAsync("work-queue", CancellationToken.None)).Refused);
        await Assert.ThrowsAsync<ArgumentException>(() => mta.RetryQueueAsync("nowhere", CancellationToken.None));
        Assert.False((await OperateAsync(mta, "no-such-message", MessageAction.Hold)).Found);
    }

    [Fact]
    public async Task A_message_waiting_for_a_route_can_be_removed_from_the_work_queue()
    {
        var mta = await StartAsync(TestTopologies.Small(include: l => l.Name != "imc"));
        mta.Faults.Set("x400-nyc", new DownFault());
        await SendAsync(mta, new MessageDraft { Id = "w-1", From = "alice@lon.test", To = ["erin@nyc.test"] });
        await AwaitConditionAsync(async () => (await ListAsync(mta, "work-queue")).Total == 1, Patience);

        var hold = Assert.Single((await OperateAsync(mta, "w-1", MessageAction.Hold)).Queues);
        Assert.Equal(("work-queue", MessageOperationOutcome.Refused), (hold.Queue, hold.Outcome));

        var removed = await OperateAsync(mta, "w-1", MessageAction.Remove, report: true);

        Assert.True(removed.Done);
        Assert.Empty((await ListAsync(mta, "work-queue")).Messages);
        await AwaitConditionAsync(() => Task.FromResult(Distinct(mta, "local-store") == 1), Patience);
    }
}
