using System.Text.Json;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Scenarios;

/// <summary>
/// The pause/resume actions against a real child daemon: SIGSTOP really stops it (the kernel says so), SIGCONT lets it
/// run on, and no loss and exactly-once hold across the pause; the run's seed is the one given and is reported.
/// </summary>
[Collection(ScenarioCollection.Name)]
public sealed class PauseScenarioSpec
{
    [Fact]
    public async Task No_loss_and_exactly_once_hold_across_a_SIGSTOP_pause_and_the_seed_given_is_reported()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var run = await CliRun.InvokeAsync(["scenario", "run", RepositoryPaths.Config("scenarios/paused-daemon.json"), "--time-scale", "0.5", "--seed", "777", "--json"], timeout.Token);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}\n{run.Out}");
        using var report = JsonDocument.Parse(run.Out);
        var root = report.RootElement;
        Assert.Equal(777, root.GetProperty("seed").GetInt32());
        var results = root.GetProperty("timeline").EnumerateArray().ToDictionary(a => a.GetProperty("action").GetString()!, a => a.GetProperty("result").GetString()!);
        Assert.Equal("paused (SIGSTOP; process state T)", results["pause"]);
        Assert.StartsWith("resumed (SIGCONT; process state ", results["resume (the paused daemon)"], StringComparison.Ordinal);
        var invariants = root.GetProperty("invariants").EnumerateArray().ToDictionary(i => i.GetProperty("kind").GetString()!, i => i.GetProperty("passed").GetBoolean());
        Assert.True(invariants["no-loss"]);
        Assert.True(invariants["no-duplicates"]);
        Assert.True(root.GetProperty("load").GetProperty("accepted").GetInt32() > 0);
    }

    [Fact]
    public async Task Without_a_seed_one_is_chosen_and_reported()
    {
        using var folder = new TempDirectory();
        var path = Path.Combine(folder.Path, "short.json");
        await File.WriteAllTextAsync(path, $$"""
            { "topology": "{{RepositoryPaths.Config("topology.json").Replace("\\", "/", StringComparison.Ordinal)}}", "journal": "memory",
              "load": { "rate": 20, "durationSeconds": 1, "from": "jsmith@london.contoso.com", "streams": [ { "name": "local", "to": ["mjones@london.contoso.com"] } ] },
              "drainSeconds": 30, "invariants": [ { "kind": "no-loss" } ] }
            """);

        var run = await CliRun.InvokeAsync("scenario", "run", path);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}\n{run.Out}");
        var line = Assert.Single(run.Out.Split('\n'), l => l.StartsWith("seed: ", StringComparison.Ordinal));
        var seed = line.Split(' ')[1];
        Assert.True(int.TryParse(seed, out _), line);
        Assert.Contains($"(replay the same draws with --seed {seed})", line, StringComparison.Ordinal);
    }
}
