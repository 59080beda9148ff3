using MtaActors.Engine.Faults;
using MtaActors.Engine.Tests.Delivery;
using MtaActors.Engine.Transports;

namespace MtaActors.Engine.Tests.Faults;

/// <summary>Toxicity, as Toxiproxy's: each transfer draws whether a fault applies, whatever the kind.</summary>
public sealed class FaultToxicitySpec
{
    private const int Transfers = 400;

    [Fact]
    public async Task A_fault_with_toxicity_zero_never_applies()
    {
        var switchboard = new FaultSwitchboard(TimeProvider.System, seed: 1);
        switchboard.Set(FaultRig.Link, DownFault.Instance with { Toxicity = 0 });
        var transport = new FaultyTransport(new StubTransport(), FaultRig.Link, switchboard, TimeProvider.System);

        var outcomes = await RunAsync(transport);

        Assert.All(outcomes, outcome => Assert.IsType<TransferOutcome.Success>(outcome));
    }

    [Fact]
    public async Task A_fault_with_partial_toxicity_applies_to_some_transfers_and_not_others()
    {
        var switchboard = new FaultSwitchboard(TimeProvider.System, seed: 2);
        switchboard.Set(FaultRig.Link, DownFault.Instance with { Toxicity = 0.5 });
        var transport = new FaultyTransport(new StubTransport(), FaultRig.Link, switchboard, TimeProvider.System);

        var outcomes = await RunAsync(transport);

        Assert.Contains(outcomes, outcome => outcome is TransferOutcome.Success);
        Assert.Contains(outcomes, outcome => outcome is TransferOutcome.Failure { Kind: TransferFailure.Refused });
    }

    [Fact]
    public void Each_fault_draws_on_its_own_so_one_transfer_may_get_either_both_or_neither()
    {
        var switchboard = new FaultSwitchboard(TimeProvider.System, seed: 3);
        switchboard.Set(FaultRig.Link, DownFault.Instance with { Toxicity = 0.5 });
        switchboard.Set(FaultRig.Link, new CrashFault("") { Toxicity = 0.5 });

        var draws = Enumerable.Range(0, Transfers).Select(_ => switchboard.Draw(FaultRig.Link).Faults.Select(f => f.Spec.Kind).ToArray()).ToArray();

        Assert.Contains(draws, kinds => kinds.Length == 0);
        Assert.Contains(draws, kinds => kinds is [FaultKinds.Down]);
        Assert.Contains(draws, kinds => kinds is [FaultKinds.Crash]);
        Assert.Contains(draws, kinds => kinds is [FaultKinds.Down, FaultKinds.Crash]);
    }

    [Fact]
    public void A_fault_built_in_code_refuses_a_toxicity_outside_0_to_1()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DownFault.Instance with { Toxicity = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ErrorRateFault(0.1) { Toxicity = -0.1 });
    }

    private static async Task<TransferOutcome[]> RunAsync(FaultyTransport transport)
    {
        var outcomes = new TransferOutcome[Transfers];
        for (var i = 0; i < Transfers; i++)
        {
            outcomes[i] = await transport.TransferAsync(TestMail.Batch(1), CancellationToken.None);
        }

        return outcomes;
    }
}
