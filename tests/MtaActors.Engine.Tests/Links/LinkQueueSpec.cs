using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Links;
using MtaActors.Engine.Metrics;
using MtaActors.Engine.Transports;
using MtaActors.Tests.Common;
using Envelope = MtaActors.Core.Messages.Envelope;

namespace MtaActors.Engine.Tests.Links;

public sealed class LinkQueueSpec : TestKit
{
    private readonly TestProbe _workQueue;

    public LinkQueueSpec() : base(AkkaConfigs.InMemory())
    {
        _workQueue = CreateTestProbe();
    }

    private IActorRef StartLink(ITransport transport, bool secured = false, string name = "x400-par", RetryPolicy? retry = null)
        => Sys.ActorOf(LinkQueue.Props(Settings(transport, secured, name, retry), _workQueue.Ref));

    private static LinkQueueSettings Settings(ITransport transport, bool secured, string name, RetryPolicy? retry = null) => new()
    {
        Name = name,
        QueueId = "Q000001",
        Kind = secured ? "smtp-gateway" : "x400",
        Secured = secured,
        Retry = retry ?? TestTopologies.FastRetry,
        MaxBatchSize = 10,
        Transport = transport,
        Counters = new MtaCounters(),
    };

    private static ImmutableArray<Envelope> Envelopes(int count)
        => [.. Enumerable.Range(0, count).Select(i => TestMessages.EnvelopeFor(TestMessages.Create("alice@lon.test", $"user{i}@par.test")))];

    private ImmutableArray<string> ExpectDeliveredIds(int count)
    {
        var ids = new List<string>();
        while (ids.Count < count)
        {
            var delivered = _workQueue.FishForMessage<EnvelopesDelivered>(_ => true, TimeSpan.FromSeconds(5));
            ids.AddRange(delivered.Envelopes.Select(e => e.MessageId));
        }

        return [.. ids];
    }

    [Fact]
    public void Delivers_what_it_is_given_and_tells_the_work_queue()
    {
        var transport = new ScriptedTransport();
        var link = StartLink(transport);
        var envelopes = Envelopes(3);

        link.Tell(new Enqueue(envelopes, AckRequested: false));

        Assert.Equal(envelopes.Select(e => e.MessageId).Order(), ExpectDeliveredIds(3).Order());
    }

    [Fact]
    public void Hung_transfer_times_out_and_is_retried_on_the_same_link()
    {
        var transport = new ScriptedTransport().ThenHang();
        var link = StartLink(transport);
        var envelopes = Envelopes(1);

        link.Tell(new Enqueue(envelopes, AckRequested: false));

        var retrying = _workQueue.ExpectMsg<LinkStateChanged>(TimeSpan.FromSeconds(3));
        Assert.Equal(LinkState.Retrying, retrying.State);
        Assert.Contains("Timeout", retrying.Reason);
        Assert.Equal(envelopes[0].MessageId, Assert.Single(ExpectDeliveredIds(1)));
        Assert.Equal(LinkState.Up, _workQueue.ExpectMsg<LinkStateChanged>().State);
    }

    [Fact]
    public void Non_secured_link_that_stays_down_hands_its_queue_back()
    {
        var transport = new ScriptedTransport { Default = (_, _) => Task.FromResult<TransferOutcome>(new TransferOutcome.Failure(TransferFailure.Refused, "refused")) };
        var link = StartLink(transport);
        var envelopes = Envelopes(25);

        link.Tell(new Enqueue(envelopes, AckRequested: false));

        Assert.Equal(LinkState.Retrying, _workQueue.ExpectMsg<LinkStateChanged>(TimeSpan.FromSeconds(3)).State);
        Assert.Equal(LinkState.Down, _workQueue.ExpectMsg<LinkStateChanged>(TimeSpan.FromSeconds(3)).State);
        var returned = _workQueue.ExpectMsg<EnvelopesReturned>(TimeSpan.FromSeconds(3));
        Assert.Equal(envelopes.Select(e => e.MessageId).Order(), returned.Envelopes.Select(e => e.MessageId).Order());
    }

    [Fact]
    public void Envelopes_sent_to_a_down_non_secured_link_come_straight_back()
    {
        var transport = new ScriptedTransport { Default = (_, _) => Task.FromResult<TransferOutcome>(new TransferOutcome.Failure(TransferFailure.Refused, "refused")) };
        var link = StartLink(transport);
        link.Tell(new Enqueue(Envelopes(1), AckRequested: false));
        _workQueue.FishForMessage<EnvelopesReturned>(_ => true, TimeSpan.FromSeconds(5));

        var late = Envelopes(2);
        link.Tell(new Enqueue(late, AckRequested: false));

        var returned = _workQueue.FishForMessage<EnvelopesReturned>(_ => true, TimeSpan.FromSeconds(3));
        Assert.Equal(late.Select(e => e.MessageId).Order(), returned.Envelopes.Select(e => e.MessageId).Order());
    }

    [Fact]
    public void Down_link_comes_back_up_when_a_probe_succeeds()
    {
        var transport = new ScriptedTransport().ThenFail(TransferFailure.Refused).ThenFail(TransferFailure.Refused).ThenFail(TransferFailure.Refused);
        var link = StartLink(transport);

        link.Tell(new Enqueue(Envelopes(1), AckRequested: false));

        _workQueue.FishForMessage<LinkStateChanged>(m => m.State == LinkState.Down, TimeSpan.FromSeconds(3));
        _workQueue.FishForMessage<LinkStateChanged>(m => m.State == LinkState.Up, TimeSpan.FromSeconds(3));
    }

    [Fact]
    public void Session_crash_restarts_the_session_without_losing_the_queue()
    {
        var transport = new ScriptedTransport().ThenCrash();
        var link = StartLink(transport);
        var envelopes = Envelopes(3);

        EventFilter.Exception<TransportCrashException>().ExpectOne(() => link.Tell(new Enqueue(envelopes, AckRequested: false)));

        Assert.Equal(envelopes.Select(e => e.MessageId).Order(), ExpectDeliveredIds(3).Order());
        // The crashed batch, then each of its messages alone: any of them could be the poison one.
        Assert.Equal(4, transport.Transfers.Count);
        Assert.All(transport.Transfers.Skip(1), batch => Assert.Single(batch));
    }

    [Fact]
    public void Urgent_messages_leave_before_older_normal_ones()
    {
        var gate = new TaskCompletionSource<TransferOutcome>();
        var transport = new ScriptedTransport().Then((_, _) => gate.Task);
        // A long transfer timeout: on a loaded machine the held first transfer must not time out and be resent,
        // which would put it between the two messages whose order this test is about.
        var patient = TestTopologies.FastRetry with { NormalTransferTimeout = TimeSpan.FromSeconds(30), UrgentTransferTimeout = TimeSpan.FromSeconds(30) };
        var link = StartLink(transport, retry: patient);
        var first = Envelopes(1);
        link.Tell(new Enqueue(first, AckRequested: false));
        AwaitCondition(() => transport.Transfers.Count == 1);

        var normal = TestMessages.EnvelopeFor(TestMessages.Create("alice@lon.test", "n@par.test"));
        var urgent = TestMessages.EnvelopeFor(TestMessages.Create(new MessageDraft { From = "alice@lon.test", To = ["u@par.test"], Priority = Priority.Urgent }));
        link.Tell(new Enqueue([normal], AckRequested: false));
        link.Tell(new Enqueue([urgent], AckRequested: false));
        link.Tell(GetQueueStatus.Instance, TestActor);
        ExpectMsg<Gateway.QueueStatus>();
        gate.SetResult(TransferOutcome.Success.Clean);

        ExpectDeliveredIds(3);
        var order = transport.Transfers.Skip(1).SelectMany(b => b).Select(e => e.MessageId).ToList();
        Assert.Equal([urgent.MessageId, normal.MessageId], order);
    }

    [Fact]
    public void Expired_envelopes_are_reported_as_failures_instead_of_sent()
    {
        var transport = new ScriptedTransport();
        var link = StartLink(transport);
        var expired = TestMessages.EnvelopeFor(TestMessages.Create(new MessageDraft
        {
            From = "alice@lon.test",
            To = ["x@par.test"],
            ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(-1),
        }));

        link.Tell(new Enqueue([expired], AckRequested: false));

        var failed = _workQueue.ExpectMsg<EnvelopesFailed>();
        Assert.Equal(NonDeliveryReason.Expired, Assert.Single(failed.Failures).Reason);
        Assert.Empty(transport.Transfers);
    }

    [Fact]
    public void Secured_queue_keeps_its_messages_while_down_and_recovers_them_after_a_restart()
    {
        var failing = new ScriptedTransport { Default = (_, _) => Task.FromResult<TransferOutcome>(new TransferOutcome.Failure(TransferFailure.Refused, "refused")) };
        var link = StartLink(failing, secured: true, name: "imc");
        var envelopes = Envelopes(4);

        link.Tell(new Enqueue(envelopes, AckRequested: true), TestActor);
        ExpectMsg<EnqueueAcknowledged>();
        _workQueue.FishForMessage<LinkStateChanged>(m => m.State == LinkState.Down, TimeSpan.FromSeconds(3));
        _workQueue.ExpectNoMsg(TimeSpan.FromMilliseconds(300));
        Watch(link);
        Sys.Stop(link);
        ExpectTerminated(link);

        var working = new ScriptedTransport();
        StartLink(working, secured: true, name: "imc");

        AwaitCondition(() => working.Transfers.SelectMany(b => b).Count() == 4, TimeSpan.FromSeconds(5));
        Assert.Equal(envelopes.Select(e => e.MessageId).Order(), working.Transfers.SelectMany(b => b).Select(e => e.MessageId).Order());
    }
}
