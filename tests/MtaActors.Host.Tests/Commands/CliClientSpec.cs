using System.Text.Json;
using MtaActors.Core.Messages;
using MtaActors.Engine.Faults;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Commands;

public sealed class CliClientSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    private string Http => server.Address.ToString();

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Send_submits_the_message_and_prints_the_id_the_daemon_returned()
    {
        var run = await CliRun.InvokeAsync(
            "send", "--from", "alice@lon.test", "--to", "bob@par.test", "--to", "carol@par.test",
            "--subject", "hello", "--body", "text", "--priority", "non-urgent", "--class", "report", "--size", "2048", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        var message = Assert.Single(gateway.Submitted);
        Assert.Equal([message.Id], run.OutLines);
        Assert.Equal(["bob@par.test", "carol@par.test"], message.Recipients.Select(r => r.Value));
        Assert.Equal(Priority.NonUrgent, message.Priority);
        Assert.Equal(MessageClass.Report, message.Class);
        Assert.Equal("hello", message.Subject);
        Assert.Equal(2048, message.SizeBytes);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Send_with_count_submits_copies_as_one_batch_and_prints_every_id()
    {
        var run = await CliRun.InvokeAsync("send", "--from", "alice@lon.test", "--to", "bob@par.test", "--count", "3", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(gateway.Submitted.Select(m => m.Id), run.OutLines);
        Assert.Equal(3, run.OutLines.Distinct().Count());
    }

    [Fact]
    public async Task Send_with_json_prints_the_apis_answer()
    {
        var run = await CliRun.InvokeAsync("send", "--from", "alice@lon.test", "--to", "bob@par.test", "--id", "fixed-1", "--json", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("""{"id":"fixed-1"}""", run.Out.Trim());
    }

    [Fact]
    public async Task Send_refused_by_the_api_exits_1_with_the_apis_reason()
    {
        var run = await CliRun.InvokeAsync("send", "--from", "nobody", "--to", "bob@par.test", "--http", Http);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("mta: from: ", line);
        Assert.Empty(gateway.Submitted);
    }

    [Fact]
    public async Task Stats_prints_each_counter_the_api_returned()
    {
        var run = await CliRun.InvokeAsync("stats", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(run.OutLines, l => l.StartsWith("accepted messages", StringComparison.Ordinal) && l.EndsWith(" 10", StringComparison.Ordinal));
        Assert.Contains(run.OutLines, l => l.StartsWith("duplicates suppressed", StringComparison.Ordinal) && l.EndsWith(" 4", StringComparison.Ordinal));
        Assert.Contains(run.OutLines, l => l.StartsWith("work queue length", StringComparison.Ordinal) && l.EndsWith(" 3", StringComparison.Ordinal));
        Assert.Contains(run.OutLines, l => l.StartsWith("submissions deduplicated", StringComparison.Ordinal) && l.EndsWith(" 0", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stats_with_json_prints_the_apis_json_unchanged()
    {
        var run = await CliRun.InvokeAsync("stats", "--json", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        using var printed = JsonDocument.Parse(run.Out);
        Assert.Equal(10, printed.RootElement.GetProperty("accepted").GetInt64());
        Assert.Equal(2, printed.RootElement.GetProperty("nonDelivered").GetInt64());
    }

    [Fact]
    public async Task Queues_prints_a_row_per_queue_with_its_state_and_length()
    {
        var run = await CliRun.InvokeAsync("queues", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(4, run.OutLines.Length);
        Assert.StartsWith("ID", run.OutLines[0]);
        var paris = Assert.Single(run.OutLines, l => l.Contains("x400-paris", StringComparison.Ordinal));
        Assert.Equal(["Q000002", "x400-paris", "x400", "no", "retrying", "42", "2m05s"], paris.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Sites_flags_a_site_that_delivered_more_than_it_had_distinct()
    {
        var run = await CliRun.InvokeAsync("sites", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith("NO", Assert.Single(run.OutLines, l => l.StartsWith("Paris", StringComparison.Ordinal)));
        Assert.EndsWith("yes", Assert.Single(run.OutLines, l => l.StartsWith("local-store", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Fault_set_list_and_clear_drive_the_daemons_switchboard()
    {
        var set = await CliRun.InvokeAsync("fault", "set", "x400-paris", "latency", "--latency-ms", "250", "--jitter-ms", "10", "--http", Http);
        Assert.Equal(0, set.ExitCode);
        var latency = Assert.IsType<LatencyFault>(Assert.Single(gateway.Faults.Get("x400-paris")));
        Assert.Equal(TimeSpan.FromMilliseconds(250), latency.Latency);
        Assert.Contains(set.OutLines, l => l.Contains("latencyMs=250", StringComparison.Ordinal));

        var list = await CliRun.InvokeAsync("fault", "list", "--http", Http);
        Assert.Equal(0, list.ExitCode);
        Assert.Contains(list.OutLines, l => l.StartsWith("x400-paris", StringComparison.Ordinal) && l.Contains("latency", StringComparison.Ordinal));

        var clear = await CliRun.InvokeAsync("fault", "clear", "x400-paris", "latency", "--http", Http);
        Assert.Equal(0, clear.ExitCode);
        Assert.Empty(gateway.Faults.Get("x400-paris"));
        Assert.Equal(["no faults on x400-paris"], clear.OutLines);
    }

    [Fact]
    public async Task Fault_set_on_an_unknown_link_exits_1_with_the_apis_reason()
    {
        var run = await CliRun.InvokeAsync("fault", "set", "nowhere", "down", "--http", Http);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["mta: no link named 'nowhere'"], run.ErrorLines);
    }

    [Fact]
    public async Task Fault_set_with_missing_parameters_exits_1_naming_the_field()
    {
        var run = await CliRun.InvokeAsync("fault", "set", "x400-paris", "error-rate", "--http", Http);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["mta: rate: required"], run.ErrorLines);
    }

    [Theory]
    [InlineData("stats")]
    [InlineData("queues")]
    [InlineData("sites")]
    [InlineData("send", "--from", "a@lon.test", "--to", "b@par.test")]
    [InlineData("fault", "list")]
    public async Task Unreachable_daemon_exits_1_with_one_line_naming_it(params string[] command)
    {
        var closedPort = FreePort.Next();
        var url = $"http://127.0.0.1:{closedPort}";

        var run = await CliRun.InvokeAsync([.. command, "--http", url]);

        Assert.Equal(1, run.ExitCode);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"mta: cannot reach the daemon at {url}: ", line);
        Assert.Empty(run.Out);
    }
}
