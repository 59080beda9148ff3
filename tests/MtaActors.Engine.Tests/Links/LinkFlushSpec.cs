using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Address = MtaActors.Core.Addressing.Address;

using MtaActors.Core.Topology;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Links;
using MtaActors.Engine.Metrics;
using MtaActors.Engine.Transports;
using MtaActors.Tests.Common;
using Envelope = MtaActors.Core.Messages.Envelope;

namespace MtaActors.Engine.Tests.Links;

/// <summary>KB924567 at the link: flush skips the retry wait, is bounded, and a suspended link answers "disabled" at once.</summary>
public sealed class LinkFlushSpec : TestKit
{
    private static readonly RetryPolicy SlowRetry = TestTopologies.FastRetry with { OpenInterval = TimeSpan.FromMinutes(10), MaxOpenRetries = 100 };
    private readonly TestProbe _workQueue;

    public LinkFlushSpec() : base(AkkaConfigs.InMemory())
    {
        _workQueue = CreateTestProbe();
    }

    private IActorRef StartLink(ITransport transport, RetryPolicy? retry = null) => Sys.ActorOf(LinkQueue.Props(
        new LinkQueueSettings
        {
            Name = "x400-par",
            QueueId = "Q000001",
            Kind = "x400",
            Secured = false,
            Retry = retry ?? SlowRetry,
            MaxBatchSize = 10,
            Transport = transport,
            Counters = new MtaCounters(),
        },
        _workQueue.Ref));

    private static Envelope EnvelopeTo(string recipient) => TestMessages.EnvelopeFor(TestMessages.Create("alice@lon.test", recipient));

    [Fact]
    public void Flush_skips_the_retry_wait_and_reports_what_it_delivered()
    {
        // The first transfer fails; the next retry would be ten minutes away.
        var transport = new ScriptedTransport().ThenFail(TransferFailure.Refused);
        var link = StartLink(transport);
        var envelopes = ImmutableArray.Create(EnvelopeTo("bob@par.test"), EnvelopeTo("carol@par.test"));
        link.Tell(new Enqueue(envelopes, AckRequested: false));
        Assert.Equal(LinkState.Retrying, _workQueue.FishForMessage<LinkStateChanged>(_ => true, TimeSpan.FromSeconds(3)).State);

        link.Tell(new FlushLink(null, TimeSpan.FromSeconds(5)), TestActor);

        var report = ExpectMsg<FlushReport>(TimeSpan.FromSeconds(5));
        Assert.Equal(new FlushReport("x400-par", "up", 2, 2, 0, FlushOutcomes.Delivered), report);
    }

    [Fact]
    public void Flush_for_one_recipient_sends_its_messages_first_and_counts_only_them()
    {
        var transport = new ScriptedTransport().ThenFail(TransferFailure.Refused);
        var link = StartLink(transport);
        var others = Enumerable.Range(0, 15).Select(i => EnvelopeTo($"user{i}@par.test")).ToImmutableArray();
        var mine = EnvelopeTo("bob@par.test");
        link.Tell(new Enqueue(others.Add(mine), AckRequested: false));
        _workQueue.FishForMessage<LinkStateChanged>(_ => true, TimeSpan.FromSeconds(3));

        link.Tell(new FlushLink(Address.Parse("bob@par.test"), TimeSpan.FromSeconds(5)), TestActor);

        var report = ExpectMsg<FlushReport>(TimeSpan.FromSeconds(5));
        Assert.Equal((1, 1, FlushOutcomes.Delivered), (report.Requested, report.Delivered, report.Outcome));
        Assert.Equal(mine.MessageId, transport.Transfers.Skip(1).First()[0].MessageId);
    }

    [Fact]
    public void Suspended_link_answers_disabled_at_once_and_keeps_its_mail()
    {
        var gate = new TaskCompletionSource<TransferOutcome>();
        var transport = new ScriptedTransport { Default = (_, _) => gate.Task };
        var link = StartLink(transport);
        link.Tell(new SuspendLink("maintenance"), TestActor);
        Assert.Equal("suspended", ExpectMsg<QueueStatus>().State);
        link.Tell(new Enqueue([EnvelopeTo("bob@par.test")], AckRequested: false));

        link.Tell(new FlushLink(null, TimeSpan.FromSeconds(30)), TestActor);

        var report = ExpectMsg<FlushReport>(TimeSpan.FromSeconds(1));
        Assert.Equal(new FlushReport("x400-par", "suspended", 1, 0, 1, FlushOutcomes.Disabled), report);
        Assert.Empty(transport.Transfers);
    }

    [Fact]
    public void Flush_on_a_hung_link_answers_timeout_within_its_bound()
    {
        var transport = new ScriptedTransport();
        transport.Default = (_, token) => Task.Delay(Timeout.Infinite, token).ContinueWith(_ => (TransferOutcome)TransferOutcome.Success.Clean, TaskScheduler.Default);
        var link = StartLink(transport, SlowRetry with { NormalTransferTimeout = TimeSpan.FromMinutes(1) });
        link.Tell(new Enqueue([EnvelopeTo("bob@par.test")], AckRequested: false));

        link.Tell(new FlushLink(null, TimeSpan.FromMilliseconds(300)), TestActor);

        var report = ExpectMsg<FlushReport>(TimeSpan.FromSeconds(3));
        Assert.Equal((FlushOutcomes.Timeout, 1, 0, 1), (report.Outcome, report.Requested, report.Delivered, report.Remaining));
    }

    [Fact]
    public void Resumed_link_delivers_what_it_held()
    {
        var transport = new ScriptedTransport();
        var link = StartLink(transport);
        link.Tell(new SuspendLink("maintenance"), TestActor);
        ExpectMsg<QueueStatus>();
        var envelope = EnvelopeTo("bob@par.test");
        link.Tell(new Enqueue([envelope], AckRequested: false));
        Assert.Equal(LinkState.Suspended, _workQueue.ExpectMsg<LinkStateChanged>().State);
        _workQueue.ExpectNoMsg(TimeSpan.FromMilliseconds(200));

        link.Tell(ResumeLink.Instance, TestActor);

        Assert.Equal("up", ExpectMsg<QueueStatus>().State);
        var delivered = _workQueue.FishForMessage<EnvelopesDelivered>(_ => true, TimeSpan.FromSeconds(3));
        Assert.Equal(envelope.MessageId, Assert.Single(delivered.Envelopes).MessageId);
    }

    [Fact]
    public void Flush_of_a_link_that_holds_nothing_answers_empty()
    {
        var link = StartLink(new ScriptedTransport());

        link.Tell(new FlushLink(Address.Parse("nobody@par.test"), TimeSpan.FromSeconds(5)), TestActor);

        Assert.Equal(FlushOutcomes.Empty, ExpectMsg<FlushReport>(TimeSpan.FromSeconds(1)).Outcome);
    }
}
