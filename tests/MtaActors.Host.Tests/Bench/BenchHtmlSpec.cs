using System.Text.Json;
using System.Text.RegularExpressions;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Bench;

/// <summary><c>mta bench --html FILE</c>: the run over time in one self-contained file; <c>--json</c> unchanged beside it.</summary>
public sealed partial class BenchHtmlSpec : IDisposable
{
    private readonly TempDirectory _folder = new();

    [Fact]
    public async Task Html_report_charts_each_link_over_time_with_the_fault_as_a_band_and_json_stays_as_it_is()
    {
        var path = Path.Combine(_folder.Path, "bench.html");

        var run = await CliRun.InvokeAsync("bench", "--messages", "600", "--links", "3", "--batch", "50", "--fault", "x400-1:hang", "--transfer-timeout", "300", "--json", "--html", path);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}\n{run.Out}");
        var json = JsonDocument.Parse(run.Out).RootElement;
        Assert.False(json.GetProperty("run").TryGetProperty("timeline", out _)); // the JSON report is what it was
        var links = json.GetProperty("run").GetProperty("links").EnumerateArray().Select(l => l.GetProperty("name").GetString()).ToList();

        var html = await File.ReadAllTextAsync(path);
        Assert.DoesNotMatch(ExternalReference(), html);
        var report = JsonDocument.Parse(ReportData().Match(html).Groups[1].Value).RootElement;
        var charts = report.GetProperty("charts").EnumerateArray().ToList();
        Assert.Equal(3, charts.Count);
        Assert.Equal(links, charts[0].GetProperty("series").EnumerateArray().Select(s => s.GetProperty("label").GetString()));

        // Per link, the deliveries charted add up to what the run counted for it (rates × bucket width).
        var seconds = charts[0].GetProperty("x").EnumerateArray().Select(x => x.GetDouble()).ToList();
        var width = seconds[1] - seconds[0];
        foreach (var (series, figures) in charts[0].GetProperty("series").EnumerateArray().Zip(json.GetProperty("run").GetProperty("links").EnumerateArray()))
        {
            var charted = series.GetProperty("values").EnumerateArray().Sum(v => v.GetDouble()) * width;
            Assert.Equal(figures.GetProperty("delivered").GetDouble(), charted, 0.5);
        }

        Assert.Equal("x400-1:hang", Assert.Single(report.GetProperty("bands").EnumerateArray()).GetProperty("label").GetString());
        Assert.All(report.GetProperty("verdicts").EnumerateArray(), v => Assert.True(v.GetProperty("passed").GetBoolean(), v.GetProperty("evidence").GetString()));
    }

    public void Dispose() => _folder.Dispose();

    [GeneratedRegex("""<(script|link|img)[^>]*\b(src|href)\s*=""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex(@"window\.REPORT = (.*?);</script>", RegexOptions.Singleline)]
    private static partial Regex ReportData();
}
