using System.Net.Http.Json;
using System.Text.Json;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Bench;

/// <summary><c>mta bench --smtp</c> against the real daemon (<c>mta run</c>, SQLite journal) over its SMTP listener on a real socket.</summary>
public sealed class BenchSmtpSpec : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("5")]
    [InlineData("1")]
    public async Task Run_over_SMTP_reports_every_message_accepted_and_delivered_by_the_daemons_sites(string perSession)
    {
        var smtpPort = FreePort.Next();
        await using var daemon = await DaemonProcess.StartAsync(_data.Path, ["--smtp", $"127.0.0.1:{smtpPort}"]);

        var run = await CliRun.InvokeAsync(
            "bench", "--smtp", $"127.0.0.1:{smtpPort}", "--http", daemon.BaseAddress.ToString(), "--config", RepositoryPaths.Config("topology.json"),
            "--messages", "40", "--sessions", "4", "--per-session", perSession, "--timeout", "60", "--json");

        Assert.True(run.ExitCode == 0, string.Join('\n', run.ErrorLines));
        using var report = JsonDocument.Parse(run.Out);
        var settings = report.RootElement.GetProperty("settings");
        Assert.StartsWith($"smtp://127.0.0.1:{smtpPort}", settings.GetProperty("target").GetString());
        Assert.Equal(int.Parse(perSession, System.Globalization.CultureInfo.InvariantCulture), settings.GetProperty("batch").GetInt32());
        Assert.Equal(4, settings.GetProperty("inFlight").GetInt32());
        var figures = report.RootElement.GetProperty("run");
        Assert.Equal("smtp", figures.GetProperty("engine").GetString());
        Assert.Equal(40, figures.GetProperty("accepted").GetInt64());
        Assert.Equal(40, figures.GetProperty("delivered").GetInt64());
        Assert.Equal(40, figures.GetProperty("sitesRecorded").GetInt64());
        Assert.True(figures.GetProperty("healthyComplete").GetBoolean());
        Assert.Equal(40, figures.GetProperty("latency").GetProperty("count").GetInt64());
        Assert.NotEmpty(figures.GetProperty("links").EnumerateArray());

        // Every message came in through the listener: the daemon accepted exactly these.
        var stats = await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stats", UriKind.Relative));
        Assert.Equal(40, stats.GetProperty("accepted").GetInt64());
    }
}
