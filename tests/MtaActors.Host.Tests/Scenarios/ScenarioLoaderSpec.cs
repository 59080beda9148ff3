using MtaActors.Host.Scenarios;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Scenarios;

/// <summary>Scenario files: every shipped one loads; a bad one is refused with one line naming the field, exit 2.</summary>
public sealed class ScenarioLoaderSpec : IDisposable
{
    private readonly TempDirectory folder = new();

    private string Write(string json)
    {
        File.Copy(RepositoryPaths.Config("topology.json"), Path.Combine(folder.Path, "topology.json"), overwrite: true);
        var path = Path.Combine(folder.Path, "bad.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Load = """
        "load": { "rate": 10, "durationSeconds": 2, "from": "jsmith@london.contoso.com", "streams": [ { "name": "local", "to": ["mjones@london.contoso.com"] } ] }
        """;

    [Fact]
    public void Every_shipped_scenario_loads()
    {
        foreach (var file in Directory.GetFiles(RepositoryPaths.Config("scenarios"), "*.json"))
        {
            var scenario = ScenarioLoader.Load(file);
            Assert.Equal(Path.GetFileNameWithoutExtension(file), scenario.Name);
            Assert.NotEmpty(scenario.Invariants);
        }
    }

    [Theory]
    [InlineData("""{ "topology": "topology.json", LOAD, "invariants": [ { "kind": "no-loss" } ], "colour": 1 }""", "colour: unknown field")]
    [InlineData("""{ "topology": "topology.json", LOAD, "invariants": [] }""", "invariants: at least one invariant is required")]
    [InlineData("""{ "topology": "topology.json", LOAD, "invariants": [ { "kind": "no-lies" } ] }""", "invariants[0].kind: unknown invariant 'no-lies'")]
    [InlineData("""{ "topology": "topology.json", LOAD, "invariants": [ { "kind": "isolation", "minPercent": 90 } ] }""", "baselineSeconds: isolation compares against a no-fault baseline")]
    [InlineData("""{ "topology": "topology.json", LOAD, "invariants": [ { "kind": "failure-detected", "link": "x" } ] }""", "invariants[0].withinSeconds: required for failure-detected")]
    [InlineData("""{ "topology": "topology.json", LOAD, "timeline": [ { "at": 1, "action": "explode" } ], "invariants": [ { "kind": "no-loss" } ] }""", "timeline[0].action: unknown action 'explode'")]
    [InlineData("""{ "topology": "topology.json", LOAD, "timeline": [ { "at": 9, "action": "kill" } ], "invariants": [ { "kind": "no-loss" } ] }""", "timeline[0].at: expected a number from 0 to 2")]
    [InlineData("""{ "topology": "topology.json", LOAD, "timeline": [ { "at": 1, "action": "fault-set", "link": "x400-paris" } ], "invariants": [ { "kind": "no-loss" } ] }""", "timeline[0].fault: required")]
    [InlineData("""{ "topology": "topology.json", LOAD, "timeline": [ { "at": 1, "action": "fault-set", "link": "x400-paris", "fault": { "kind": "down", "toxicity": 1.5 } } ], "invariants": [ { "kind": "no-loss" } ] }""", "timeline[0].fault.toxicity: must be between 0 and 1 (got 1.5)")]
    [InlineData("""{ "topology": "topology.json", LOAD, "timeline": [ { "at": 1, "action": "fault-set", "link": "x400-paris", "fault": { "kind": "error-rate", "rate": 3 } } ], "invariants": [ { "kind": "no-loss" } ] }""", "timeline[0].fault.rate: must be between 0 and 1 (got 3)")]
    [InlineData("""{ "topology": "topology.json", "load": { "rate": 10, "durationSeconds": 2, "streams": [ { "name": "a", "to": ["not an address"] } ] }, "invariants": [ { "kind": "no-loss" } ] }""", "load.streams[0].to[0]: ")]
    [InlineData("""{ "topology": "missing.json", LOAD, "invariants": [ { "kind": "no-loss" } ] }""", "topology: file not found")]
    [InlineData("""{ "topology": "topology.json", LOAD, "invariants": [ { "kind": "no-loss" } ], """, "malformed JSON")]
    [InlineData("""{ "topology": "topology.json", LOAD, "timeline": [ { "at": 1, "action": "replay" } ], "invariants": [ { "kind": "no-loss" } ] }""", "timeline[0]: replay needs an earlier export")]
    [InlineData("""{ "topology": "topology.json", LOAD, "timeline": [ { "at": 1, "action": "export", "chunkSize": 5 } ], "invariants": [ { "kind": "no-loss" } ] }""", "timeline[0].chunkSize: only replay takes a chunk size")]
    [InlineData("""{ "topology": "topology.json", LOAD, "timeline": [ { "at": 1, "action": "suspend", "link": "x400-paris", "poison": 2 } ], "invariants": [ { "kind": "no-loss" } ] }""", "timeline[0].poison: only export plants poison messages")]
    [InlineData("""{ "topology": "topology.json", "journal": "memory", LOAD, "timeline": [ { "at": 1, "action": "export" } ], "invariants": [ { "kind": "no-loss" } ] }""", "journal: export reads the journal: use sqlite")]
    [InlineData("""{ "topology": "topology.json", LOAD, "invariants": [ { "kind": "replay-quarantined", "count": 3 } ] }""", "invariants[0]: replay-quarantined needs a replay action")]
    [InlineData("""{ "topology": "topology.json", LOAD, "timeline": [ { "at": 1, "action": "export" }, { "at": 1.5, "action": "replay" } ], "invariants": [ { "kind": "replay-quarantined" } ] }""", "invariants[0].count: required for replay-quarantined")]
    [InlineData("""{ "topology": "topology.json", LOAD, "invariants": [ { "kind": "poison-quarantined" } ] }""", "invariants[0].streams: required for poison-quarantined")]
    [InlineData("""{ "topology": "topology.json", LOAD, "timeline": [ { "at": 1, "action": "resume" } ], "invariants": [ { "kind": "no-loss" } ] }""", "timeline[0].link: required for resume, unless it resumes a paused daemon (after a pause)")]
    [InlineData("""{ "topology": "topology.json", LOAD, "timeline": [ { "at": 1, "action": "pause", "link": "x400-paris" } ], "invariants": [ { "kind": "no-loss" } ] }""", "timeline[0].link: pause stops the whole daemon (SIGSTOP); use suspend for one link")]
    [InlineData("""{ "topology": "topology.json", LOAD, "timeline": [ { "at": 1, "action": "pause" }, { "at": 1.5, "action": "pause" } ], "invariants": [ { "kind": "no-loss" } ] }""", "timeline[1]: the daemon is already paused: resume it first")]
    [InlineData("""{ "topology": "topology.json", "seed": 1.5, LOAD, "invariants": [ { "kind": "no-loss" } ] }""", "seed: expected a whole number (got 1.5)")]
    [InlineData("""{ "topology": "topology.json", "seed": -3, LOAD, "invariants": [ { "kind": "no-loss" } ] }""", "seed: expected a number from 0 to 2147483647")]
    public async Task Bad_scenario_file_exits_2_with_one_line_naming_the_field(string json, string reason)
    {
        var path = Write(json.Replace("LOAD", Load, StringComparison.Ordinal));

        var run = await CliRun.InvokeAsync("scenario", "run", path);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"mta: {path}: ", line);
        Assert.Contains(reason, line);
    }

    [Fact]
    public async Task Kill_actions_are_refused_against_a_daemon_it_does_not_own()
    {
        var run = await CliRun.InvokeAsync("scenario", "run", RepositoryPaths.Config("scenarios/restart-duplicates.json"), "--http", "http://127.0.0.1:9");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("mta: restart-duplicates: the timeline action 'kill-restart' needs a daemon this command starts itself; drop --http to run it", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Log_based_invariants_against_a_running_daemon_need_its_data_folder()
    {
        var run = await CliRun.InvokeAsync("scenario", "run", RepositoryPaths.Config("scenarios/slow-link.json"), "--http", "http://127.0.0.1:9");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the invariant 'no-loss' reads the daemon's delivery logs: pass --data DIR with --http", Assert.Single(run.ErrorLines));
    }

    public void Dispose() => folder.Dispose();
}
