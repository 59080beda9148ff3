using System.Net;
using MtaActors.Core.Topology;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Daemon;

public sealed class RunCommandSpec : IDisposable
{
    private readonly TempDirectory folder = new("mta-host");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Bad_topology_exits_2_with_the_loaders_one_line_on_stderr()
    {
        var topology = folder.File("topology.json");
        await File.WriteAllTextAsync(topology, """{"server": {"name": "X"}, "links": [{"name": ""}]}""");
        var expected = Assert.Throws<TopologyException>(() => TopologyLoader.Load(topology)).Message;

        var run = await CliRun.InvokeAsync("run", "--config", topology, "--data", folder.File("data"), "--journal", "memory");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"mta: {expected}"], run.ErrorLines);
    }

    [Fact]
    public async Task Missing_topology_exits_2_naming_the_file()
    {
        var topology = folder.File("absent.json");

        var run = await CliRun.InvokeAsync("run", "--config", topology, "--journal", "memory");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"mta: topology: {topology}: topology file not found"], run.ErrorLines);
    }

    [Fact]
    public async Task Bad_settings_file_exits_2_naming_the_field()
    {
        var settings = folder.File("mta.json");
        await File.WriteAllTextAsync(settings, """{"journal": "sqlite", "logLevel": "chatty"}""");

        var run = await CliRun.InvokeAsync("run", "--settings", settings);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"mta: {settings}: logLevel: expected", line);
    }

    [Fact]
    public async Task Postgres_journal_without_a_connection_string_exits_2_naming_the_field()
    {
        var run = await CliRun.InvokeAsync("run", "--journal", "postgres", "--config", RepositoryPaths.File("config/topology.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("mta: connectionString: required", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Daemon_serves_the_api_accepts_mail_and_stops_cleanly_when_cancelled()
    {
        var http = $"http://127.0.0.1:{FreePort.Next()}";
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var daemon = CliRun.InvokeAsync(
            ["run", "--config", RepositoryPaths.File("config/topology.json"), "--data", folder.File("data"), "--journal", "memory", "--http", http, "--log-level", "warning", "--smtp", "off"],
            stop.Token);

        await WaitUntilHealthyAsync(new Uri(http), daemon, TimeSpan.FromSeconds(60));
        var send = await CliRun.InvokeAsync("send", "--from", "postmaster@london.contoso.com", "--to", "jsmith@london.contoso.com", "--http", http);
        var stats = await CliRun.InvokeAsync("stats", "--json", "--http", http);
        await stop.CancelAsync();
        var exit = await daemon.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, send.ExitCode);
        Assert.Matches("^[0-9a-f]{32}$", Assert.Single(send.OutLines));
        Assert.Equal(0, stats.ExitCode);
        Assert.Contains("\"accepted\":", stats.Out);
        Assert.Equal(0, exit.ExitCode);
        Assert.Empty(exit.ErrorLines);
    }

    private static async Task WaitUntilHealthyAsync(Uri daemon, Task<CliRun> running, TimeSpan timeout)
    {
        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = daemon, Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            if (running.IsCompleted)
            {
                var early = await running;
                Assert.Fail($"the daemon exited early with {early.ExitCode}: {early.Error}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), deadline.Token);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            // Polls an outside condition (the daemon's recovery), bounded by the deadline; no timer is being waited out.
            await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
        }
    }
}
