using System.Collections.Immutable;
using System.Text.Json.Nodes;
using MtaActors.Core.Topology;
using MtaActors.Host.Scenarios;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Scenarios;

/// <summary>
/// The poison-quarantined invariant and no-loss's account of the poison queue, as pure checks over made-up histories:
/// they pass on the history a working MTA leaves, and fail, naming what is wrong, on the ones a broken one would.
/// </summary>
public sealed class PoisonInvariantSpec
{
    private static readonly TimelineAction Crash = new() { At = 4, Action = TimelineActions.FaultSet, Link = "imc-internet", Fault = new JsonObject { ["kind"] = "crash", ["subject"] = "pills" } };

    private static readonly ScenarioDefinition Scenario = new()
    {
        Name = "poison",
        TopologyPath = RepositoryPaths.Config("topology.json"),
        Topology = TopologyLoader.Load(RepositoryPaths.Config("topology.json")),
        Load = new LoadDefinition
        {
            Rate = 10,
            DurationSeconds = 10,
            From = "jsmith@london.contoso.com",
            Streams = [new LoadStream("internet", ["a@example.com"], 1), new LoadStream("pills", ["b@example.com"], 1)],
        },
        Timeline = [Crash],
    };

    private static readonly InvariantDefinition Poison = new() { Kind = InvariantKinds.PoisonQuarantined, Streams = ["pills"] };

    /// <summary>p-early sent before the crash fault (delivered), p-late after it; i-1 an innocent message, delivered.</summary>
    private static ScenarioHistory History(bool lateQuarantined = true, bool lateDelivered = false, bool innocentQuarantined = false)
    {
        var history = new ScenarioHistory();
        history.Actions.Enqueue(new ActionRecord(4, Crash.Describe(), 1, "ok"));
        history.Submissions.Enqueue(new Submission("p-early", "pills", "b@example.com", 1, SubmissionResult.Accepted));
        history.Submissions.Enqueue(new Submission("p-late", "pills", "b@example.com", 6, SubmissionResult.Accepted));
        history.Submissions.Enqueue(new Submission("i-1", "internet", "a@example.com", 6, SubmissionResult.Accepted));
        history.Deliveries.Enqueue(new DeliveryObservation("Internet", true, "p-early", "b@example.com", 2));
        if (!innocentQuarantined)
        {
            history.Deliveries.Enqueue(new DeliveryObservation("Internet", true, "i-1", "a@example.com", 7));
        }
        else
        {
            history.Quarantined["i-1"] = "from imc-internet";
        }

        if (lateQuarantined)
        {
            history.Quarantined["p-late"] = "from imc-internet: crashed the session of imc-internet 2 times";
        }

        if (lateDelivered)
        {
            history.Deliveries.Enqueue(new DeliveryObservation("Internet", true, "p-late", "b@example.com", 7));
        }

        return history;
    }

    private static InvariantResult Check(InvariantDefinition invariant, ScenarioHistory history)
        => InvariantChecks.Check(invariant, Scenario, history, timeScale: 1);

    [Fact]
    public void A_working_mta_passes_and_no_loss_counts_the_poison_queue_apart()
    {
        var history = History();

        var poison = Check(Poison, history);
        var noLoss = Check(new InvariantDefinition { Kind = InvariantKinds.NoLoss }, history);

        Assert.True(poison.Passed, poison.Evidence);
        Assert.True(noLoss.Passed, noLoss.Evidence);
        Assert.Contains("1 on the poison queue, 0 missing", noLoss.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_poison_message_delivered_fails()
    {
        var result = Check(Poison, History(lateQuarantined: false, lateDelivered: true));

        Assert.False(result.Passed);
        Assert.Contains("not quarantined e.g. p-late", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void An_innocent_message_quarantined_fails()
    {
        var result = Check(Poison, History(innocentQuarantined: true));

        Assert.False(result.Passed);
        Assert.Contains("wrongly quarantined e.g. i-1", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void A_message_neither_delivered_nor_quarantined_is_lost()
    {
        var result = Check(new InvariantDefinition { Kind = InvariantKinds.NoLoss }, History(lateQuarantined: false));

        Assert.False(result.Passed);
        Assert.Contains("1 missing", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_crash_fault_on_the_timeline_it_fails_saying_so()
    {
        var result = InvariantChecks.Check(Poison, Scenario with { Timeline = ImmutableArray<TimelineAction>.Empty }, History(), timeScale: 1);

        Assert.False(result.Passed);
        Assert.Equal("the timeline never sets a crash fault", result.Evidence);
    }
}
