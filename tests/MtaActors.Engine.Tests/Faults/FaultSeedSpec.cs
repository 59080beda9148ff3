using Microsoft.Extensions.Time.Testing;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Tests.Delivery;
using MtaActors.Engine.Transports;

namespace MtaActors.Engine.Tests.Faults;

/// <summary>The switchboard's seed: the same seed and the same transfers make the same fault decisions.</summary>
public sealed class FaultSeedSpec
{
    private const int Transfers = 300;

    [Fact]
    public async Task Two_runs_with_the_same_seed_make_the_same_sequence_of_fault_decisions()
    {
        var first = await DecisionsAsync(new FaultSwitchboard(TimeProvider.System, seed: 42));
        var second = await DecisionsAsync(new FaultSwitchboard(TimeProvider.System, seed: 42));

        Assert.Equal(first, second);
        Assert.True(first.Distinct().Count() > 2, "the draws vary from one transfer to the next");
    }

    [Fact]
    public async Task Another_seed_makes_other_decisions()
    {
        var first = await DecisionsAsync(new FaultSwitchboard(TimeProvider.System, seed: 42));
        var other = await DecisionsAsync(new FaultSwitchboard(TimeProvider.System, seed: 43));

        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task A_chosen_seed_is_reported_and_replays_the_run_when_given_back()
    {
        var unseeded = new FaultSwitchboard();
        var run = await DecisionsAsync(unseeded);

        var replay = await DecisionsAsync(new FaultSwitchboard(TimeProvider.System, unseeded.Seed));

        Assert.Equal(run, replay);
    }

    [Fact]
    public async Task Reseeding_starts_the_draws_again()
    {
        var switchboard = new FaultSwitchboard(TimeProvider.System, seed: 7);
        var first = await DecisionsAsync(switchboard);

        switchboard.Reseed(7);
        var again = await DecisionsAsync(switchboard);

        Assert.Equal(7, switchboard.Seed);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task One_links_draws_do_not_shift_another_links()
    {
        var alone = await DecisionsAsync(new FaultSwitchboard(TimeProvider.System, seed: 5));
        var busy = new FaultSwitchboard(TimeProvider.System, seed: 5);
        busy.Set("other-link", new ErrorRateFault(0.5));
        var other = new FaultyTransport(new StubTransport(), "other-link", busy, TimeProvider.System);
        for (var i = 0; i < 50; i++)
        {
            await other.TransferAsync(TestMail.Batch(1), CancellationToken.None);
        }

        Assert.Equal(alone, await DecisionsAsync(busy));
    }

    /// <summary>
    /// What a link decides over a run: per transfer, how long it waited (whether latency applied, and its jitter),
    /// whether error-rate failed it, and which envelope corruption picked. Time is a fake clock stepped by 1 ms.
    /// </summary>
    private static async Task<string[]> DecisionsAsync(FaultSwitchboard switchboard)
    {
        switchboard.Set(FaultRig.Link, new LatencyFault(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(50)) { Toxicity = 0.7 });
        switchboard.Set(FaultRig.Link, new ErrorRateFault(0.3) { Toxicity = 0.8 });
        switchboard.Set(FaultRig.Link, new CorruptFault(0.5));
        var time = new FakeTimeProvider();
        var inner = new StubTransport();
        var transport = new FaultyTransport(inner, FaultRig.Link, switchboard, time);
        var decisions = new string[Transfers];
        for (var i = 0; i < Transfers; i++)
        {
            var batch = TestMail.Batch(4);
            var start = time.GetUtcNow();
            var transfer = transport.TransferAsync(batch, CancellationToken.None);
            for (var step = 0; !transfer.IsCompleted && step < 1_000; step++)
            {
                time.Advance(TimeSpan.FromMilliseconds(1));
            }

            var outcome = await transfer.WaitAsync(TimeSpan.FromSeconds(10));
            var damaged = outcome is TransferOutcome.Failure ? -1 : inner.LastBatch!.ToList().FindIndex(e => e.Message.Body != batch[0].Message.Body);
            decisions[i] = $"{(time.GetUtcNow() - start).TotalMilliseconds}|{outcome.GetType().Name}|{damaged}";
        }

        return decisions;
    }
}
