using MtaActors.Core.Topology;
using MtaActors.Host.Scenarios;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Scenarios;

/// <summary>
/// no-loss over mail to a distribution list: the sample topology's all-london holds the list london-sales (jsmith,
/// mjones, mdubois at Paris) and apatel, ewilson, tbrown and jsmith again. One message to it owes six copies, as the
/// router makes them: the check passes on the history a working MTA leaves, and fails when a member's copy is lost.
/// </summary>
[Collection(ScenarioCollection.Name)]
public sealed class ListNoLossSpec : IDisposable
{
    private const string List = "all-london@london.contoso.com";

    private static readonly string[] Members =
    [
        "jsmith@london.contoso.com", "mjones@london.contoso.com", "mdubois@paris.contoso.com",
        "apatel@london.contoso.com", "ewilson@london.contoso.com", "tbrown@london.contoso.com",
    ];

    private static readonly InvariantDefinition NoLoss = new() { Kind = InvariantKinds.NoLoss };

    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    private static ScenarioDefinition Scenario() => new()
    {
        Name = "list",
        TopologyPath = RepositoryPaths.Config("topology.json"),
        Topology = TopologyLoader.Load(RepositoryPaths.Config("topology.json")),
        Load = new LoadDefinition
        {
            Rate = 10,
            DurationSeconds = 1,
            From = "postmaster@london.contoso.com",
            Streams = [new LoadStream("list", [List], 1)],
        },
    };

    private static ScenarioHistory Delivered(params string[] recipients)
    {
        var history = new ScenarioHistory();
        history.Submissions.Enqueue(new Submission("m-1", "list", List, 1, SubmissionResult.Accepted));
        foreach (var recipient in recipients)
        {
            history.Deliveries.Enqueue(new DeliveryObservation(recipient.EndsWith("paris.contoso.com", StringComparison.Ordinal) ? "Paris" : "local-store", true, "m-1", recipient, 2));
        }

        return history;
    }

    [Fact]
    public void Every_member_s_copy_delivered_passes()
    {
        var result = InvariantChecks.Check(NoLoss, Scenario(), Delivered(Members), timeScale: 1);

        Assert.True(result.Passed, result.Evidence);
        Assert.Equal("1 accepted (6 copies once lists are expanded), 6 delivered, 0 missing", result.Evidence);
    }

    [Fact]
    public void A_member_s_lost_copy_fails_and_is_named()
    {
        var result = InvariantChecks.Check(NoLoss, Scenario(), Delivered([.. Members.Where(m => !m.StartsWith("mdubois", StringComparison.Ordinal))]), timeScale: 1);

        Assert.False(result.Passed);
        Assert.EndsWith("5 delivered, 1 missing; e.g. m-1 to mdubois@paris.contoso.com", result.Evidence, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_whose_load_mails_a_nested_list_passes_no_loss_against_a_real_daemon()
    {
        var path = Path.Combine(_folder.Path, "list.json");
        await File.WriteAllTextAsync(path, $$"""
            {
              "name": "list",
              "topology": "{{RepositoryPaths.Config("topology.json")}}",
              "journal": "memory",
              "load": { "rate": 20, "durationSeconds": 2, "from": "postmaster@london.contoso.com", "streams": [ { "name": "list", "to": ["{{List}}"] } ] },
              "drainSeconds": 60,
              "invariants": [ { "kind": "no-loss" }, { "kind": "no-duplicates" } ]
            }
            """);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var run = await CliRun.InvokeAsync(["scenario", "run", path], timeout.Token);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}\n{run.Out}");
        Assert.Contains("PASS  no-loss:", run.Out);
        Assert.Contains("copies once lists are expanded), ", run.Out);
    }
}
