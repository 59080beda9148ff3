using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Scenarios;

/// <summary>
/// The remove-link action (Q282780's restart re-evaluation): x400-paris is down and its mail waits in the work queue
/// when the daemon is restarted without that link; the mail takes the site link instead, once, none lost.
/// </summary>
public sealed class RemoveLinkScenarioSpec : IDisposable
{
    private readonly TempDirectory folder = new();

    [Fact]
    public async Task Mail_of_a_removed_link_is_routed_again_after_the_restart()
    {
        var path = Path.Combine(folder.Path, "remove-link.json");
        File.WriteAllText(path, $$"""
            {
              "name": "remove-link",
              "topology": "{{RepositoryPaths.Config("topology.json")}}",
              "retry": { "openInterval": "00:00:00.500", "maxOpenRetries": 1, "transferTimeout": { "urgent": "00:00:01", "normal": "00:00:01", "nonUrgent": "00:00:01" } },
              "load": {
                "rate": 100, "durationSeconds": 6, "from": "jsmith@london.contoso.com",
                "streams": [ { "name": "paris", "to": ["pdupont@paris.contoso.com"] }, { "name": "local", "to": ["mjones@london.contoso.com"] } ]
              },
              "timeline": [
                { "at": 0.5, "action": "fault-set", "link": "x400-paris", "fault": { "kind": "down" } },
                { "at": 0.5, "action": "fault-set", "link": "site-paris", "fault": { "kind": "down" } },
                { "at": 3, "action": "remove-link", "link": "x400-paris" }
              ],
              "drainSeconds": 60,
              "invariants": [ { "kind": "no-loss" }, { "kind": "no-duplicates" } ]
            }
            """);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var run = await CliRun.InvokeAsync(["scenario", "run", path], timeout.Token);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}\n{run.Out}");
        Assert.Contains("remove-link x400-paris: stopped, x400-paris removed from the topology, restarted", run.Out);
        Assert.Contains("PASS  no-loss:", run.Out);
    }

    public void Dispose() => folder.Dispose();
}
