using System.Text.Json;
using System.Text.RegularExpressions;
using MtaActors.Host.Tests.WebConsole;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Scenarios;

/// <summary><c>mta scenario run FILE --html report.html</c>: one self-contained file whose charts and verdicts are the run's.</summary>
[Collection(ScenarioCollection.Name)]
public sealed partial class ScenarioHtmlReportSpec : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task Html_report_is_self_contained_and_shows_the_runs_charts_faults_actions_and_invariants_in_a_browser()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var path = Path.Combine(_folder.Path, "report.html");

        var run = await CliRun.InvokeAsync(["scenario", "run", RepositoryPaths.Config("scenarios/x400-link-failure.json"), "--time-scale", "0.5", "--json", "--html", path], timeout.Token);

        // Whatever the run's verdict (isolation can miss its floor on a starved machine), the report must say the same.
        Assert.True(run.ExitCode is 0 or 1, $"exit {run.ExitCode}: {run.Error}\n{run.Out}");
        var json = JsonDocument.Parse(run.Out).RootElement; // --json stays as it is: stdout is still the JSON report
        var html = await File.ReadAllTextAsync(path, timeout.Token);

        // Nothing fetched from anywhere: no external script, style sheet or image.
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Contains("uPlot", html, StringComparison.Ordinal);

        var report = JsonDocument.Parse(ReportData().Match(html).Groups[1].Value).RootElement;
        Assert.Equal(json.GetProperty("passed").GetBoolean(), report.GetProperty("passed").GetBoolean());
        Assert.Equal(
            ["Deliveries per second, per link", "Deliveries per second, per site", "Delivery latency percentiles (by delivery time)", "Queue lengths"],
            report.GetProperty("charts").EnumerateArray().Select(c => c.GetProperty("title").GetString()));
        var links = report.GetProperty("charts")[0].GetProperty("series").EnumerateArray().Select(s => s.GetProperty("label").GetString()).ToList();
        Assert.Contains("x400-paris", links);
        Assert.Contains("local-store", links);
        var sites = report.GetProperty("charts")[1].GetProperty("series").EnumerateArray().Select(s => s.GetProperty("label").GetString()).ToList();
        Assert.Contains("NewYork", sites);
        Assert.Contains("Paris", sites);

        // Both hang faults as bands, from their set to their clear; every timeline action as a marker.
        var bands = report.GetProperty("bands").EnumerateArray().ToList();
        Assert.Equal(["hang on x400-newyork", "hang on ras-newyork"], bands.Select(b => b.GetProperty("label").GetString()));
        Assert.All(bands, b => Assert.True(b.GetProperty("to").GetDouble() > b.GetProperty("from").GetDouble()));
        Assert.Equal(json.GetProperty("timeline").GetArrayLength(), report.GetProperty("markers").GetArrayLength());

        // The verdicts are the invariants the JSON report gives, with their evidence.
        var invariants = json.GetProperty("invariants").EnumerateArray().Select(i => (i.GetProperty("kind").GetString(), i.GetProperty("passed").GetBoolean(), i.GetProperty("evidence").GetString())).ToList();
        var verdicts = report.GetProperty("verdicts").EnumerateArray().Select(v => (v.GetProperty("name").GetString(), v.GetProperty("passed").GetBoolean(), v.GetProperty("evidence").GetString())).ToList();
        Assert.Equal(invariants, verdicts);

        await using var browser = await ConsoleBrowser.OpenAsync(new Uri(path));
        Assert.Equal(4, await browser.Page.Locator(".chart canvas").CountAsync());
        Assert.Equal(verdicts.Count, await browser.Page.Locator("#verdicts tr").CountAsync());
        Assert.Equal(verdicts.Count(v => v.Item2), await browser.Page.Locator("#verdicts .pass").CountAsync());
        Assert.Equal(verdicts.Count(v => !v.Item2), await browser.Page.Locator("#verdicts .fail").CountAsync());
        await browser.ScreenshotAsync("scenario-report");
        Assert.Empty(browser.Errors);
    }

    public void Dispose() => _folder.Dispose();

    [GeneratedRegex("""<(script|link|img)[^>]*\b(src|href)\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex(@"window\.REPORT = (.*?);</script>", RegexOptions.Singleline)]
    private static partial Regex ReportData();
}
