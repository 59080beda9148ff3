using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Hosting;
using MtaActors.Engine.Links;
using MtaActors.Engine.Metrics;
using MtaActors.Engine.Transports;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Persistence;

/// <summary>
/// Restarts on a real journal (Q282780): secured queues keep their mail where it is; the work queue routes
/// everything else again against the topology it finds at start; the super queue keeps its ids. Every spec runs once
/// per journal the engine supports (<see cref="SqliteRestartSpec"/>, <see cref="PostgresRestartSpec"/>), each
/// spec on a journal of its own.
/// </summary>
public abstract class RestartSpec : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    // Links here never give up on a hung transfer: a link that went down would hand its mail to the imc catch-all.
    private static readonly RetryPolicy Patient = TestTopologies.FastRetry with { MaxOpenRetries = 1000 };
    private readonly TempDirectory _data = new();
    private string _connectionString = "";

    protected abstract JournalKind Journal { get; }

    /// <summary>Makes an empty journal for one spec and returns its connection string.</summary>
    protected abstract Task<string> CreateJournalAsync(TempDirectory data);

    /// <summary>Removes what <see cref="CreateJournalAsync"/> made outside the spec's temp folder.</summary>
    protected virtual Task DeleteJournalAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => _connectionString = await CreateJournalAsync(_data);

    public async Task DisposeAsync()
    {
        try
        {
            await DeleteJournalAsync();
        }
        finally
        {
            _data.Dispose();
        }
    }

    private Config JournalConfig => MtaEngine.Configuration(Journal, _connectionString);

    private async Task<(ActorSystem System, IMtaGateway Mta)> StartAsync(Topology topology, int snapshotMinInterval = 1000)
    {
        var system = ActorSystem.Create("mta", JournalConfig);
        var settings = new MtaEngineSettings
        {
            Topology = topology,
            DataDirectory = _data.Path,
            Journal = Journal,
            ConnectionString = _connectionString,
            SnapshotMinInterval = snapshotMinInterval,
        };
        var mta = await MtaEngine.StartAsync(system, settings, CancellationToken.None);
        return (system, mta);
    }

    private static Task EventuallyAsync(Func<bool> condition) => EventuallyAsync(() => Task.FromResult(condition()));

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(50);
        }
    }

    private static long Delivered(IMtaGateway mta, string site) => mta.GetSites().SingleOrDefault(s => s.Name == site)?.Delivered ?? 0;

    [Fact]
    public async Task Secured_queue_message_stays_put_while_a_removed_links_message_is_rerouted()
    {
        var before = TestTopologies.Small(retry: Patient);
        var (first, mta) = await StartAsync(before);
        mta.Faults.Set("x400-nyc", new HangFault());
        mta.Faults.Set("imc", new DownFault());
        await mta.SubmitAsync([TestMessages.Create("alice@lon.test", "erin@nyc.test"), TestMessages.Create("alice@lon.test", "frank@internet.test")], CancellationToken.None);
        await EventuallyAsync(() => mta.GetStatistics().Accepted == 2);
        await EventuallyAsync(async () => (await mta.GetQueuesAsync(CancellationToken.None)).Single(q => q.Name == "imc").Length == 1);
        await first.Terminate();

        // After the restart x400-nyc is gone (ras-nyc replaces it) and a cheaper, more specific direct link claims
        // internet.test: the secured message must still leave through imc, the other must find ras-nyc.
        var after = TestTopologies.Small(
            include: l => l.Name != "x400-nyc",
            extra:
            [
                TestTopologies.Link("ras-nyc", LinkKind.Ras, "NewYork", TestTopologies.FastRetry, TestTopologies.Space(AddressType.Smtp, "*@nyc.test", 1)),
                TestTopologies.Link("x400-direct", LinkKind.X400, "Direct", TestTopologies.FastRetry, TestTopologies.Space(AddressType.Smtp, "*@internet.test", 1)),
            ]);
        var (second, restarted) = await StartAsync(after);
        try
        {
            await EventuallyAsync(() => Delivered(restarted, "NewYork") == 1 && Delivered(restarted, "Internet") == 1);
            Assert.Equal(0, Delivered(restarted, "Direct"));
        }
        finally
        {
            await second.Terminate();
        }
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(1)]
    public async Task An_id_stays_a_promise_across_a_restart_whether_its_message_is_queued_or_finished(int snapshotMinInterval)
    {
        var (first, mta) = await StartAsync(TestTopologies.Small(retry: Patient), snapshotMinInterval);
        mta.Faults.Set("x400-nyc", new HangFault());
        var queued = TestMessages.Create(new MessageDraft { Id = "kept-1", From = "alice@lon.test", To = ["erin@nyc.test"] });
        var finished = TestMessages.Create(new MessageDraft { Id = "done-1", From = "alice@lon.test", To = ["bob@lon.test"] });
        Message Other(Message message) => message with { Subject = "something else" };
        await mta.SubmitAsync([queued, finished], CancellationToken.None);
        // A conflicting probe is never journaled; its reason says when done-1's delivery has been journaled.
        await EventuallyAsync(async () => (await mta.SubmitAsync([Other(finished)], CancellationToken.None))[0].Reason!.Contains("finished at", StringComparison.Ordinal));
        await first.Terminate();

        var (second, restarted) = await StartAsync(TestTopologies.Small(retry: Patient), snapshotMinInterval);
        try
        {
            var same = await restarted.SubmitAsync([queued, finished], CancellationToken.None);
            var other = await restarted.SubmitAsync([TestMessages.Create("alice@lon.test", "bob@lon.test"), Other(finished)], CancellationToken.None);
            var otherQueued = await restarted.SubmitAsync([Other(queued)], CancellationToken.None);

            Assert.Equal([SubmissionOutcome.Duplicate, SubmissionOutcome.Duplicate], same.Select(r => r.Outcome));
            Assert.Equal([SubmissionOutcome.NotAccepted, SubmissionOutcome.Conflict], other.Select(r => r.Outcome));
            Assert.Equal(SubmissionOutcome.Conflict, otherQueued[0].Outcome);
            Assert.Equal(0, restarted.GetStatistics().Accepted);
            Assert.Equal(2, restarted.GetStatistics().SubmissionsDeduplicated);
        }
        finally
        {
            await second.Terminate();
        }
    }

    [Fact]
    public async Task Past_the_id_window_and_a_restart_other_content_under_an_old_id_is_delivered_and_the_same_content_is_not()
    {
        Message Draft(string id, string body) => TestMessages.Create(new MessageDraft { Id = id, From = "alice@lon.test", To = ["bob@lon.test", "carol@par.test"], Body = body });
        var (first, mta) = await StartAsync(TestTopologies.Small());
        await mta.SubmitAsync([Draft("reused-1", "first"), Draft("same-1", "kept")], CancellationToken.None);
        // A conflicting probe is never journaled; its reason says when the delivery has been journaled, so the
        // restart below redelivers nothing and every later arrival at the sinks is one of the resubmissions.
        foreach (var id in new[] { "reused-1", "same-1" })
        {
            await EventuallyAsync(async () => (await mta.SubmitAsync([Draft(id, "probe")], CancellationToken.None))[0].Reason!.Contains("finished at", StringComparison.Ordinal));
        }

        await first.Terminate();

        // Restarted with a window of no ids, as if both had aged out while it was down: only the delivery logs remember.
        var topology = TestTopologies.Small();
        var (second, restarted) = await StartAsync(topology with { Routing = topology.Routing with { IdWindowSize = 0 } });
        try
        {
            var results = await restarted.SubmitAsync([Draft("reused-1", "second, other content"), Draft("same-1", "kept")], CancellationToken.None);

            Assert.Equal([SubmissionOutcome.Accepted, SubmissionOutcome.Accepted], results.Select(r => r.Outcome));
            await EventuallyAsync(() => restarted.GetSites().Where(s => s.Name is "local-store" or "Paris").All(s => s.Received == 4));
            foreach (var site in restarted.GetSites().Where(s => s.Name is "local-store" or "Paris"))
            {
                Assert.Equal(3, site.Delivered);
                Assert.Equal(1, site.DuplicatesSuppressed);
            }
        }
        finally
        {
            await second.Terminate();
        }
    }

    [Fact]
    public async Task Accepted_message_is_delivered_once_after_a_restart_before_delivery()
    {
        var (first, mta) = await StartAsync(TestTopologies.Small());
        mta.Faults.Set("x400-par", new HangFault());
        mta.Faults.Set("site-par", new HangFault());
        await mta.SubmitAsync([TestMessages.Create(new MessageDraft { Id = "restart-1", From = "alice@lon.test", To = ["carol@par.test", "bob@lon.test"] })], CancellationToken.None);
        await EventuallyAsync(() => Delivered(mta, "local-store") == 1);
        await first.Terminate();

        var (second, restarted) = await StartAsync(TestTopologies.Small());
        try
        {
            await EventuallyAsync(() => Delivered(restarted, "Paris") == 1);
            await Task.Delay(300);
            var local = restarted.GetSites().Single(s => s.Name == "local-store");
            Assert.Equal(1, local.Delivered);
            Assert.Equal(1, local.Distinct);
        }
        finally
        {
            await second.Terminate();
        }
    }

    [Fact]
    public async Task Queues_recover_from_snapshots_after_old_events_were_deleted()
    {
        var (first, mta) = await StartAsync(TestTopologies.Small(retry: Patient), snapshotMinInterval: 5);
        mta.Faults.Set("imc", new DownFault());
        mta.Faults.Set("x400-nyc", new HangFault());
        for (var i = 0; i < 30; i++)
        {
            await mta.SubmitAsync([TestMessages.Create("alice@lon.test", $"u{i}@internet.test"), TestMessages.Create("alice@lon.test", $"u{i}@nyc.test", "bob@lon.test")], CancellationToken.None);
        }

        await EventuallyAsync(async () => (await mta.GetQueuesAsync(CancellationToken.None)).Single(q => q.Name == "imc").Length == 30);
        await EventuallyAsync(() => Delivered(mta, "local-store") == 30);
        await first.Terminate();

        var (second, restarted) = await StartAsync(TestTopologies.Small(), snapshotMinInterval: 5);
        try
        {
            await EventuallyAsync(() => Delivered(restarted, "Internet") == 30 && Delivered(restarted, "NewYork") == 30);
            var local = restarted.GetSites().Single(s => s.Name == "local-store");
            Assert.Equal(30, local.Delivered);
            Assert.Equal(local.Distinct, local.Delivered);
        }
        finally
        {
            await second.Terminate();
        }
    }

    [Theory]
    [InlineData(1000)] // recovery replays events only
    [InlineData(2)] // recovery starts from a snapshot, older events deleted
    public async Task Secured_queue_recreated_with_the_same_persistence_id_recovers_what_it_still_held(int snapshotMinInterval)
    {
        var system = ActorSystem.Create("mta", JournalConfig);
        try
        {
            var delivered = TestMessages.EnvelopeFor(TestMessages.Create("alice@lon.test", "first@internet.test"));
            var held = Enumerable.Range(0, 3).Select(i => TestMessages.EnvelopeFor(TestMessages.Create("alice@lon.test", $"held{i}@internet.test"))).ToImmutableArray();
            var refusing = new ScriptedTransport { Default = (_, _) => Task.FromResult<TransferOutcome>(new TransferOutcome.Failure(TransferFailure.Refused, "refused")) }
                .Then((_, _) => Task.FromResult<TransferOutcome>(TransferOutcome.Success.Clean));
            var counters = new MtaCounters();
            var first = system.ActorOf(LinkQueue.Props(SecuredQueue(refusing, counters, snapshotMinInterval), ActorRefs.Nobody));
            await first.Ask<EnqueueAcknowledged>(new Enqueue([delivered], AckRequested: true), Patience);
            await EventuallyAsync(() => counters.Snapshot().Delivered == 1);

            // The journal answers a queue's writes in order: once these are acknowledged, the removal of the
            // delivered one is journaled too.
            await first.Ask<EnqueueAcknowledged>(new Enqueue(held, AckRequested: true), Patience);
            await first.GracefulStop(Patience);

            var working = new ScriptedTransport();
            system.ActorOf(LinkQueue.Props(SecuredQueue(working, new MtaCounters(), snapshotMinInterval), ActorRefs.Nobody));

            // Recovered mail is retried in one batch: had the delivered message come back, it would be in it.
            await EventuallyAsync(() => !working.Transfers.IsEmpty);
            Assert.Equal(held.Select(e => e.MessageId).Order(), working.Transfers.SelectMany(b => b).Select(e => e.MessageId).Order());
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task A_copy_of_a_message_enqueued_while_another_was_in_transfer_survives_that_one_s_delivery_and_a_restart()
    {
        var system = ActorSystem.Create("mta", JournalConfig);
        try
        {
            var message = TestMessages.Create("alice@lon.test", "a@internet.test", "b@internet.test");
            var toA = new MtaActors.Core.Messages.Envelope(message, [message.Recipients[0]]);
            var toB = new MtaActors.Core.Messages.Envelope(message, [message.Recipients[1]]);
            var gate = new TaskCompletionSource<TransferOutcome>();
            var refused = new ScriptedTransport { Default = (_, _) => Task.FromResult<TransferOutcome>(new TransferOutcome.Failure(TransferFailure.Refused, "refused")) }
                .Then((_, _) => gate.Task);
            var counters = new MtaCounters();
            var first = system.ActorOf(LinkQueue.Props(SecuredQueue(refused, counters, snapshotMinInterval: 1000), ActorRefs.Nobody));
            await first.Ask<EnqueueAcknowledged>(new Enqueue([toA], AckRequested: true), Patience);
            await EventuallyAsync(() => refused.Transfers.Count == 1);

            // B arrives for the same message while A is on the wire; then A is delivered (a removal by message id).
            await first.Ask<EnqueueAcknowledged>(new Enqueue([toB], AckRequested: true), Patience);
            gate.SetResult(TransferOutcome.Success.Clean);
            await EventuallyAsync(() => counters.Snapshot().Delivered == 1);
            var other = TestMessages.EnvelopeFor(TestMessages.Create("alice@lon.test", "c@internet.test"));
            await first.Ask<EnqueueAcknowledged>(new Enqueue([other], AckRequested: true), Patience); // writes are answered in order
            await first.GracefulStop(Patience);

            var working = new ScriptedTransport();
            system.ActorOf(LinkQueue.Props(SecuredQueue(working, new MtaCounters(), snapshotMinInterval: 1000), ActorRefs.Nobody));

            await EventuallyAsync(() => working.Transfers.SelectMany(b => b).Any(e => e.MessageId == message.Id));
            var recovered = working.Transfers.SelectMany(b => b).Where(e => e.MessageId == message.Id).SelectMany(e => e.Recipients).Select(r => r.Value).ToList();
            Assert.Equal(["b@internet.test"], recovered.Distinct());
        }
        finally
        {
            await system.Terminate();
        }
    }

    [Fact]
    public async Task Super_queue_keeps_queue_ids_across_a_restart_and_gives_a_new_link_a_new_one()
    {
        var (first, mta) = await StartAsync(TestTopologies.Small());
        var before = (await mta.GetQueuesAsync(CancellationToken.None)).ToDictionary(q => q.Name, q => q.Id);
        await first.Terminate();

        var (second, restarted) = await StartAsync(TestTopologies.Small(
            include: l => l.Name != "x400-nyc",
            extra: [TestTopologies.Link("ras-nyc", LinkKind.Ras, "NewYork", TestTopologies.FastRetry, TestTopologies.Space(AddressType.Smtp, "*@nyc.test", 1))]));
        try
        {
            var after = (await restarted.GetQueuesAsync(CancellationToken.None)).ToDictionary(q => q.Name, q => q.Id);
            Assert.Equal(before.Count, after.Count);
            foreach (var name in after.Keys.Where(before.ContainsKey))
            {
                Assert.Equal(before[name], after[name]);
            }

            // A removed link keeps its id in the registry: the newcomer must not inherit it.
            Assert.DoesNotContain(after["ras-nyc"], before.Values);
        }
        finally
        {
            await second.Terminate();
        }
    }

    private static LinkQueueSettings SecuredQueue(ITransport transport, MtaCounters counters, int snapshotMinInterval) => new()
    {
        Name = "imc",
        QueueId = "Q000004",
        Kind = "smtp-gateway",
        Secured = true,
        Retry = TestTopologies.FastRetry,
        Transport = transport,
        Counters = counters,
        SnapshotMinInterval = snapshotMinInterval,
    };
}
