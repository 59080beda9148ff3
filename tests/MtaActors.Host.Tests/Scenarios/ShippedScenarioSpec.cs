using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Scenarios;

/// <summary>
/// Every scenario shipped under config/scenarios/ runs, in a short version (<c>--time-scale 0.5</c>: load, baseline
/// and timeline at half length, invariant bounds unchanged), against a real child daemon, and every invariant holds.
/// One class in a collection that runs alone, so the daemons run one after another rather than competing for the machine.
/// </summary>
[Collection(ScenarioCollection.Name)]
public sealed class ShippedScenarioSpec
{
    public static TheoryData<string> Shipped => new(Directory.GetFiles(RepositoryPaths.Config("scenarios"), "*.json").Select(Path.GetFileNameWithoutExtension).Order()!);

    [Theory]
    [MemberData(nameof(Shipped))]
    public async Task Shipped_scenario_holds_every_invariant(string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var run = await CliRun.InvokeAsync(["scenario", "run", RepositoryPaths.Config($"scenarios/{name}.json"), "--time-scale", "0.5"], timeout.Token);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}\n{run.Out}");
        Assert.Contains($"{name}: PASS", run.Out);
        Assert.DoesNotContain("FAIL ", run.Out);
    }

    [Fact]
    public async Task With_deduplication_switched_off_the_no_duplicates_invariant_fails_and_is_named()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        // corrupting-link resets transfers half-way, so the far end sees retransmissions; without de-duplication they are delivered twice.
        using var folder = new TempDirectory();
        var html = Path.Combine(folder.Path, "report.html");
        var run = await CliRun.InvokeAsync(["scenario", "run", RepositoryPaths.Config("scenarios/corrupting-link.json"), "--time-scale", "0.5", "--test-disable-dedup", "--html", html], timeout.Token);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("mta: corrupting-link: invariant no-duplicates failed: ", Assert.Single(run.ErrorLines));
        Assert.Contains("FAIL  no-duplicates:", run.Out);
        Assert.Contains("PASS  no-loss:", run.Out);

        // The HTML report of a failed run says so, and names the failed invariant.
        var report = await File.ReadAllTextAsync(html, timeout.Token);
        Assert.Contains("\"passed\":false", report, StringComparison.Ordinal);
        Assert.Contains("{\"name\":\"no-duplicates\",\"passed\":false", report, StringComparison.Ordinal);
    }
}
