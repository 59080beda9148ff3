namespace MtaActors.Host.Tests.Commands;

public sealed class CliUsageSpec
{
    [Theory]
    [InlineData(new[] { "send", "--frm", "a@lon.test", "--to", "b@par.test" }, "mta: unrecognized option '--frm'")]
    [InlineData(new[] { "send", "--from", "a@lon.test", "--to", "b@par.test", "--priority", "high" }, "mta: --priority: expected urgent, normal or non-urgent")]
    [InlineData(new[] { "send", "--from", "a@lon.test", "--to", "b@par.test", "--class", "memo" }, "mta: --class: expected ipm, report, directory-replication, public-folder-replication or link-monitor")]
    [InlineData(new[] { "send", "--from", "a@lon.test", "--to", "b@par.test", "--count", "0" }, "mta: --count: expected a whole number from 1 to 10000 (got '0')")]
    [InlineData(new[] { "send", "--from", "a@lon.test", "--to", "b@par.test", "--size", "big" }, "mta: --size: expected a whole number, 0 or more (got 'big')")]
    [InlineData(new[] { "send", "--from", "a@lon.test" }, "mta: option '--to' is required")]
    [InlineData(new[] { "send", "--from", "a@lon.test", "--to", "b@par.test", "--id", "x", "--count", "2" }, "mta: --id: cannot be combined with --count above 1 (ids must be unique)")]
    [InlineData(new[] { "queues", "--http", "not a url" }, "mta: --http: expected a URL such as http://127.0.0.1:8080 (got 'not a url')")]
    [InlineData(new[] { "fault", "set", "x400-paris", "error-rate", "--rate", "1.5" }, "mta: --rate: expected a number from 0 to 1 (got '1.5')")]
    [InlineData(new[] { "run", "--journal", "oracle" }, "mta: --journal: expected sqlite, postgres or memory (got 'oracle')")]
    [InlineData(new[] { "frobnicate" }, "mta: unrecognized command or argument 'frobnicate'")]
    [InlineData(new string[0], "mta: a command is required (run, send, queues, queue, message, stats, sites, fault, bench, flush, link, disable, enable, scenario, check, export, replay, purge, track); see mta --help")]
    public async Task Bad_usage_exits_2_with_exactly_one_line_on_stderr(string[] args, string line)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([line], run.ErrorLines);
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Help_goes_to_stdout_and_exits_0()
    {
        var run = await CliRun.InvokeAsync("send", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--priority", run.Out);
        Assert.Empty(run.Error);
    }
}
