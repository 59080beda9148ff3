namespace MtaActors.Host.Tests.Bench;

public sealed class BenchUsageSpec
{
    [Theory]
    [InlineData(new[] { "bench", "--messages", "0" }, "mta: --messages: expected a whole number from 1 to 50000000 (got '0')")]
    [InlineData(new[] { "bench", "--secured-fraction", "2" }, "mta: --secured-fraction: expected a number from 0 to 1 (got '2')")]
    [InlineData(new[] { "bench", "--priority-mix", "1:2" }, "mta: --priority-mix: expected three whole-number weights urgent:normal:non-urgent such as 10:80:10 (got '1:2')")]
    [InlineData(new[] { "bench", "--priority-mix", "0:0:0" }, "mta: --priority-mix: at least one weight must be above 0 (got '0:0:0')")]
    [InlineData(new[] { "bench", "--fault", "x400-1" }, "mta: --fault: expected LINK:KIND such as x400-1:hang (got 'x400-1')")]
    [InlineData(new[] { "bench", "--fault", "x400-1:boom" }, "mta: --fault: kind: unknown fault kind 'boom' (expected down, hang, latency, bandwidth, error-rate, flap, corrupt, reset, crash)")]
    [InlineData(new[] { "bench", "--fault", "x400-1:latency" }, "mta: --fault: latencyMs: required")]
    [InlineData(new[] { "bench", "--fault", "nowhere-9:hang" }, "mta: --fault: unknown link 'nowhere-9' (links: x400-1, site-2, ras-3, x400-4, site-5, ras-6)")]
    [InlineData(new[] { "bench", "--compare" }, "mta: --compare: needs at least one --fault to compare against")]
    [InlineData(new[] { "bench", "--engine", "turbo" }, "mta: --engine: expected actor or sync (got 'turbo')")]
    [InlineData(new[] { "bench", "--journal", "postgres" }, "mta: --connection: required when --journal is postgres")]
    [InlineData(new[] { "bench", "--http", "http://127.0.0.1:9", "--engine", "sync" }, "mta: --http: drives the daemon's actor engine; it cannot be combined with --engine sync or --baseline")]
    [InlineData(new[] { "bench", "--http", "http://127.0.0.1:9", "--metrics" }, "mta: --metrics: measures the in-process engine with its exporter; over --http the daemon exports its own (GET /metrics)")]
    [InlineData(new[] { "bench", "--http", "http://127.0.0.1:9" }, "mta: --http: also give --config with the daemon's topology file, so the load can be aimed at its links")]
    [InlineData(new[] { "bench", "--sessions", "4" }, "mta: --sessions: applies only with --smtp")]
    [InlineData(new[] { "bench", "--per-session", "1" }, "mta: --per-session: applies only with --smtp")]
    [InlineData(new[] { "bench", "--smtp", "127.0.0.1:2525" }, "mta: --smtp: also give --http with the daemon's admin URL, where the deliveries are counted")]
    [InlineData(new[] { "bench", "--http", "http://127.0.0.1:9", "--smtp", "off" }, "mta: --smtp: expected the listener's HOST:PORT such as 127.0.0.1:2525 (got 'off')")]
    [InlineData(new[] { "bench", "--http", "http://127.0.0.1:9", "--smtp", "127.0.0.1" }, "mta: --smtp: expected the listener's HOST:PORT such as 127.0.0.1:2525 (got '127.0.0.1')")]
    [InlineData(new[] { "bench", "--http", "http://127.0.0.1:9", "--smtp", "127.0.0.1:2525", "--batch", "5" }, "mta: --batch: not with --smtp; use --per-session")]
    [InlineData(new[] { "bench", "--http", "http://127.0.0.1:9", "--smtp", "127.0.0.1:2525", "--in-flight", "5" }, "mta: --in-flight: not with --smtp; use --sessions")]
    [InlineData(new[] { "bench", "--config", "no-such-topology.json" }, "mta: no-such-topology.json: topology file not found")]
    [InlineData(new[] { "bench", "--links", "3", "--frobnicate" }, "mta: unrecognized option '--frobnicate'")]
    public async Task Bad_usage_exits_2_with_exactly_one_line_on_stderr(string[] args, string line)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([line], run.ErrorLines);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Help_lists_the_options()
    {
        var run = await CliRun.InvokeAsync("bench", "--help");

        Assert.Equal(0, run.ExitCode);
        foreach (var option in new[] { "--messages", "--rate", "--links", "--secured-fraction", "--priority-mix", "--fault", "--compare", "--repeat", "--engine", "--http", "--smtp", "--sessions", "--per-session", "--json" })
        {
            Assert.Contains(option, run.Out);
        }
    }
}
