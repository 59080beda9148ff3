using MtaActors.Engine.Delivery;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Tests.Delivery;
using MtaActors.Engine.Transports;

namespace MtaActors.Engine.Tests.Faults;

public sealed class FaultyTransportSpec
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Without_faults_calls_pass_straight_through_to_the_inner_transport()
    {
        var inner = new StubTransport();
        var switchboard = new FaultSwitchboard();
        switchboard.Set("rome-site", DownFault.Instance);
        var transport = new FaultyTransport(inner, FaultRig.Link, switchboard, TimeProvider.System);
        var batch = TestMail.Batch(2);

        var transfer = transport.TransferAsync(batch, CancellationToken.None);
        var probe = transport.ProbeAsync(CancellationToken.None);

        Assert.Same(inner.TransferResult, transfer);
        Assert.Same(inner.ProbeResult, probe);
        Assert.Same(batch, inner.LastBatch);
        await Task.WhenAll(transfer, probe);
    }

    [Fact]
    public async Task Without_faults_the_batch_is_delivered()
    {
        await using var rig = await FaultRig.StartAsync();

        var outcome = await rig.Transport.TransferAsync(TestMail.Batch(3), Timeout());

        Assert.Equal(TransferOutcome.Success.Clean, outcome);
        Assert.Equal(3, rig.Sink.Counters.Delivered);
    }

    [Fact]
    public async Task Down_link_refuses_at_once_and_records_nothing()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(DownFault.Instance);

        var transfer = rig.Transport.TransferAsync(TestMail.Batch(3), Timeout());
        var probe = rig.Transport.ProbeAsync(Timeout());

        Assert.True(transfer.IsCompleted, "a down link answers without waiting");
        Assert.Equal(TransferFailure.Refused, Assert.IsType<TransferOutcome.Failure>(await transfer).Kind);
        Assert.Equal(TransferFailure.Refused, Assert.IsType<TransferOutcome.Failure>(await probe).Kind);
        Assert.Equal(0, rig.Sink.Counters.Received);
    }

    [Fact]
    public async Task Fault_on_a_link_applies_whatever_the_case_of_its_name()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Switchboard.Set(FaultRig.Link.ToUpperInvariant(), DownFault.Instance);

        var outcome = await rig.Transport.TransferAsync(TestMail.Batch(1), Timeout());

        Assert.Equal(TransferFailure.Refused, Assert.IsType<TransferOutcome.Failure>(outcome).Kind);
    }

    [Fact]
    public async Task Hung_link_never_answers_until_the_token_is_cancelled()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(HangFault.Instance);
        using var cancellation = new CancellationTokenSource();

        var transfer = rig.Transport.TransferAsync(TestMail.Batch(1), cancellation.Token);
        var probe = rig.Transport.ProbeAsync(cancellation.Token);
        rig.Time.Advance(TimeSpan.FromDays(365));

        Assert.False(transfer.IsCompleted);
        Assert.False(probe.IsCompleted);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transfer.WaitAsync(Bound));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probe.WaitAsync(Bound));
        Assert.Equal(0, rig.Sink.Counters.Received);
    }

    [Fact]
    public async Task Latency_delays_transfer_and_probe_by_exactly_the_latency()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(new LatencyFault(TimeSpan.FromMilliseconds(200), TimeSpan.Zero));

        var transfer = rig.Transport.TransferAsync(TestMail.Batch(2), Timeout());
        var probe = rig.Transport.ProbeAsync(Timeout());
        rig.Time.Advance(TimeSpan.FromMilliseconds(199));

        Assert.False(transfer.IsCompleted);
        Assert.False(probe.IsCompleted);
        Assert.Equal(0, rig.Sink.Counters.Received);
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TransferOutcome.Success.Clean, await transfer.WaitAsync(Bound));
        Assert.Equal(TransferOutcome.Success.Clean, await probe.WaitAsync(Bound));
        Assert.Equal(2, rig.Sink.Counters.Delivered);
    }

    [Fact]
    public async Task Jittered_transfer_waits_at_least_latency_minus_jitter_and_at_most_latency_plus_jitter()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(new LatencyFault(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50)));

        for (var i = 0; i < 10; i++)
        {
            var transfer = rig.Transport.TransferAsync([TestMail.Envelope($"m{i}")], Timeout());
            rig.Time.Advance(TimeSpan.FromMilliseconds(149));
            Assert.False(transfer.IsCompleted);
            rig.Time.Advance(TimeSpan.FromMilliseconds(101));
            Assert.IsType<TransferOutcome.Success>(await transfer.WaitAsync(Bound));
        }
    }

    [Fact]
    public void Jitter_spreads_delays_across_the_whole_window()
    {
        var dice = new FaultDice(11, FaultRig.Link);
        var latency = new LatencyFault(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50));

        var delays = Enumerable.Range(0, 1_000).Select(_ => FaultyTransport.DelayFor(latency, bandwidth: null, [], dice)).ToArray();

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(250)));
        Assert.True(delays.Min() < TimeSpan.FromMilliseconds(160), "some delays near the low end");
        Assert.True(delays.Max() > TimeSpan.FromMilliseconds(240), "some delays near the high end");
    }

    [Fact]
    public void Jitter_larger_than_latency_never_makes_a_negative_delay()
    {
        var dice = new FaultDice(5, FaultRig.Link);
        var latency = new LatencyFault(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(100));

        Assert.All(Enumerable.Range(0, 200), _ => Assert.True(FaultyTransport.DelayFor(latency, null, [], dice) >= TimeSpan.Zero));
    }

    [Fact]
    public async Task Bandwidth_delays_by_batch_size_over_rate()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(new BandwidthFault(BytesPerSecond: 10_000));

        var transfer = rig.Transport.TransferAsync([TestMail.Sized("m1", 5_000), TestMail.Sized("m2", 5_000)], Timeout());
        rig.Time.Advance(TimeSpan.FromMilliseconds(999));

        Assert.False(transfer.IsCompleted);
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TransferOutcome.Success.Clean, await transfer.WaitAsync(Bound));
    }

    [Fact]
    public async Task Latency_and_bandwidth_add_up()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(new BandwidthFault(BytesPerSecond: 1_000));
        rig.Set(new LatencyFault(TimeSpan.FromMilliseconds(300), TimeSpan.Zero));

        var transfer = rig.Transport.TransferAsync([TestMail.Sized("m1", 500)], Timeout());
        rig.Time.Advance(TimeSpan.FromMilliseconds(799));

        Assert.False(transfer.IsCompleted);
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.IsType<TransferOutcome.Success>(await transfer.WaitAsync(Bound));
    }

    [Fact]
    public async Task Bandwidth_does_not_slow_probes()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(new BandwidthFault(BytesPerSecond: 1));

        Assert.True(rig.Transport.ProbeAsync(Timeout()).IsCompleted);
    }

    [Fact]
    public async Task Error_rate_one_always_fails_transiently()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(new ErrorRateFault(1));

        for (var i = 0; i < 20; i++)
        {
            var outcome = await rig.Transport.TransferAsync(TestMail.Batch(1), Timeout());
            Assert.Equal(TransferFailure.Transient, Assert.IsType<TransferOutcome.Failure>(outcome).Kind);
        }

        Assert.Equal(0, rig.Sink.Counters.Received);
    }

    [Fact]
    public async Task Error_rate_zero_never_fails()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(new ErrorRateFault(0));

        for (var i = 0; i < 20; i++)
        {
            Assert.IsType<TransferOutcome.Success>(await rig.Transport.TransferAsync([TestMail.Envelope($"m{i}")], Timeout()));
        }

        Assert.Equal(20, rig.Sink.Counters.Delivered);
    }

    [Fact]
    public async Task Error_rate_in_between_fails_some_and_passes_some()
    {
        await using var rig = await FaultRig.StartAsync(seed: 42);
        rig.Set(new ErrorRateFault(0.5));
        var failures = 0;

        for (var i = 0; i < 100; i++)
        {
            if (await rig.Transport.TransferAsync([TestMail.Envelope($"m{i}")], Timeout()) is TransferOutcome.Failure)
            {
                failures++;
            }
        }

        Assert.InRange(failures, 25, 75);
        Assert.Equal(100 - failures, rig.Sink.Counters.Delivered);
    }

    [Fact]
    public async Task Flap_is_up_then_down_then_up_again_from_the_moment_it_was_set()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(new FlapFault(UpFor: TimeSpan.FromSeconds(2), DownFor: TimeSpan.FromSeconds(1)));

        Assert.IsType<TransferOutcome.Success>(await rig.Transport.TransferAsync([TestMail.Envelope("m1")], Timeout()));
        rig.Time.Advance(TimeSpan.FromMilliseconds(1_999));
        Assert.IsType<TransferOutcome.Success>(await rig.Transport.TransferAsync([TestMail.Envelope("m2")], Timeout()));
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TransferFailure.Refused, await FailureOf(rig.Transport.TransferAsync([TestMail.Envelope("m3")], Timeout())));
        Assert.Equal(TransferFailure.Refused, await FailureOf(rig.Transport.ProbeAsync(Timeout())));
        rig.Time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(TransferFailure.Refused, await FailureOf(rig.Transport.TransferAsync([TestMail.Envelope("m3")], Timeout())));
        rig.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.IsType<TransferOutcome.Success>(await rig.Transport.TransferAsync([TestMail.Envelope("m3")], Timeout()));
        rig.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TransferFailure.Refused, await FailureOf(rig.Transport.TransferAsync([TestMail.Envelope("m4")], Timeout())));
        Assert.Equal(3, rig.Sink.Counters.Delivered);
    }

    [Fact]
    public async Task Corruption_is_detected_by_the_far_end_and_nothing_of_the_batch_is_recorded()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(new CorruptFault(1));

        var outcome = await rig.Transport.TransferAsync(TestMail.Batch(3), Timeout());

        var failure = Assert.IsType<TransferOutcome.Failure>(outcome);
        Assert.Equal(TransferFailure.Corrupt, failure.Kind);
        Assert.StartsWith("checksum mismatch on m", failure.Reason, StringComparison.Ordinal);
        Assert.Equal(0, rig.Sink.Counters.Received);
    }

    [Fact]
    public async Task Corruption_damages_a_copy_and_never_the_queued_message()
    {
        var inner = new StubTransport();
        var switchboard = new FaultSwitchboard(TimeProvider.System, seed: 3);
        switchboard.Set(FaultRig.Link, new CorruptFault(1));
        var transport = new FaultyTransport(inner, FaultRig.Link, switchboard, TimeProvider.System);
        var batch = TestMail.Batch(4);

        await transport.TransferAsync(batch, Timeout());

        var sent = inner.LastBatch!;
        Assert.Single(sent, e => e.Message.Body != "Hello from Paris");
        Assert.All(batch, e => Assert.Equal("Hello from Paris", e.Message.Body));
        Assert.All(sent, e => Assert.Equal(batch.Single(b => b.MessageId == e.MessageId).Message.ContentChecksum, e.Message.ContentChecksum));
    }

    [Fact]
    public async Task Reset_delivers_the_first_half_and_a_retry_brings_the_rest_with_the_first_half_suppressed()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(new ResetFault(1));
        var batch = TestMail.Batch(4);

        var first = await rig.Transport.TransferAsync(batch, Timeout());

        Assert.Equal(TransferFailure.Reset, Assert.IsType<TransferOutcome.Failure>(first).Kind);
        Assert.True(rig.Sink.HasDelivered("m1", "user@paris.example"));
        Assert.True(rig.Sink.HasDelivered("m2", "user@paris.example"));
        Assert.False(rig.Sink.HasDelivered("m3", "user@paris.example"));
        Assert.False(rig.Sink.HasDelivered("m4", "user@paris.example"));

        Assert.True(rig.Switchboard.Clear(FaultRig.Link, FaultKinds.Reset));
        var retry = await rig.Transport.TransferAsync(batch, Timeout());

        Assert.Equal(new TransferOutcome.Success(DuplicatesSuppressed: 2), retry);
        Assert.Equal(new SiteCounters("paris", Received: 6, Delivered: 4, Distinct: 4, DuplicatesSuppressed: 2), rig.Sink.Counters);
    }

    [Fact]
    public async Task Clearing_the_faults_restores_the_link()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(DownFault.Instance);
        rig.Set(new ErrorRateFault(1));
        Assert.IsType<TransferOutcome.Failure>(await rig.Transport.TransferAsync(TestMail.Batch(1), Timeout()));

        Assert.True(rig.Switchboard.Clear(FaultRig.Link));

        Assert.Equal(TransferOutcome.Success.Clean, await rig.Transport.TransferAsync(TestMail.Batch(1), Timeout()));
        Assert.Equal(TransferOutcome.Success.Clean, await rig.Transport.ProbeAsync(Timeout()));
    }

    private static async Task<TransferFailure> FailureOf(Task<TransferOutcome> outcome)
        => Assert.IsType<TransferOutcome.Failure>(await outcome.WaitAsync(Bound)).Kind;

    private static CancellationToken Timeout() => new CancellationTokenSource(Bound).Token;
}
