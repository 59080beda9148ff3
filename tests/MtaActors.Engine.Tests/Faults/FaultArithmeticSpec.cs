using MtaActors.Engine.Faults;
using MtaActors.Engine.Tests.Delivery;
using MtaActors.Engine.Transports;

namespace MtaActors.Engine.Tests.Faults;

/// <summary>
/// Issue 10, class 5: fault arithmetic saturates at <see cref="FaultLimits.MaxDelay"/> instead of overflowing. Before,
/// a size near long.MaxValue over 1 byte/s turned into a negative tick count (no delay at all), two big sizes in one
/// batch overflowed their sum (the bandwidth fault skipped), and a long latency reached Task.Delay out of its range
/// (an exception that crashed the link's session).
/// </summary>
public sealed class FaultArithmeticSpec
{
    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MaxValue / 2)]
    [InlineData(1L << 40)]
    public void A_bandwidth_delay_for_a_huge_size_saturates(long bytes)
    {
        Assert.Equal(FaultLimits.MaxDelay, new BandwidthFault(1).DelayFor(bytes));
    }

    [Fact]
    public async Task Two_sizes_whose_sum_overflows_still_wait_the_longest_delay()
    {
        await using var rig = await FaultRig.StartAsync();
        var batch = TestMail.Batch(2).Select(e => e with { Message = e.Message with { SizeBytes = (long.MaxValue / 2) + 10 } }).ToArray();

        Assert.Equal(FaultLimits.MaxDelay, FaultyTransport.DelayFor(latency: null, new BandwidthFault(1), batch, new FaultDice(7, FaultRig.Link)));
    }

    [Fact]
    public void A_latency_beyond_what_a_timer_takes_saturates_and_adds_to_bandwidth_without_overflow()
    {
        var dice = new FaultDice(3, FaultRig.Link);
        var latency = new LatencyFault(TimeSpan.MaxValue / 2, TimeSpan.MaxValue / 2);
        var batch = TestMail.Batch(1).Select(e => e with { Message = e.Message with { SizeBytes = long.MaxValue } }).ToArray();

        Assert.Equal(FaultLimits.MaxDelay, FaultyTransport.DelayFor(latency, new BandwidthFault(1), batch, dice));
    }

    [Fact]
    public async Task A_transfer_under_a_huge_delay_waits_until_cancelled_and_never_throws_anything_else()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(new LatencyFault(TimeSpan.FromDays(200), TimeSpan.Zero));
        rig.Switchboard.Set(FaultRig.Link, new BandwidthFault(1));
        var batch = TestMail.Batch(1).Select(e => e with { Message = e.Message with { SizeBytes = long.MaxValue } }).ToArray();
        using var timeout = new CancellationTokenSource();

        var transfer = rig.Transport.TransferAsync(batch, timeout.Token);
        Assert.False(transfer.IsCompleted, "a huge delay is a wait, not an error");
        await timeout.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transfer);
        Assert.Equal(0, rig.Sink.Counters.Received);
    }

    [Fact]
    public async Task The_saturated_delay_ends_and_the_transfer_goes_through()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Set(new BandwidthFault(1));
        var batch = TestMail.Batch(2).Select(e => e with { Message = e.Message with { SizeBytes = (long.MaxValue / 2) + 10 } }).ToArray();

        var transfer = rig.Transport.TransferAsync(batch, CancellationToken.None);
        Assert.False(transfer.IsCompleted, "the bandwidth fault applies to a batch whose sizes overflow a long");
        rig.Time.Advance(FaultLimits.MaxDelay);

        Assert.Equal(TransferOutcome.Success.Clean, await transfer.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
