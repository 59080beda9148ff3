namespace MtaActors.Host.Tests.Commands;

/// <summary><c>mta queue list|suspend|resume</c> against the API on a real socket.</summary>
public sealed class QueueCliSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    private string Http => server.Address.ToString();

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task List_prints_a_table_and_the_page_it_shows()
    {
        var run = await CliRun.InvokeAsync("queue", "list", "x400-paris", "--sender", "alice", "--class", "ipm", "--min-age", "60", "--limit", "5", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(3, run.OutLines.Count());
        Assert.StartsWith("ID", run.OutLines[0]);
        Assert.Contains("retrying", run.OutLines[1]);
        Assert.Contains("4m00s", run.OutLines[1]);
        Assert.Equal("x400-paris: 1-1 of 1 matching", run.OutLines[2]);
        var (_, request) = Assert.Single(gateway.Listings);
        Assert.Equal(("alice", 5), (request.Filter.Sender, request.Limit));
    }

    [Fact]
    public async Task List_with_json_prints_the_listing()
    {
        var run = await CliRun.InvokeAsync("queue", "list", "work-queue", "--json", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"queue\":\"work-queue\"", run.Out);
    }

    [Theory]
    [InlineData("--class", "spam", "mta: --class: expected ipm, report")]
    [InlineData("--limit", "0", "mta: --limit: expected a whole number from 1 to 1000")]
    [InlineData("--min-age", "-5", "mta: --min-age: expected a whole number, 0 or more")]
    public async Task Bad_options_are_bad_usage_in_one_line(string option, string value, string reason)
    {
        var run = await CliRun.InvokeAsync("queue", "list", "x400-paris", option, value, "--http", Http);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(reason, Assert.Single(run.ErrorLines));
        Assert.Empty(gateway.Listings);
    }

    [Fact]
    public async Task Unknown_queue_fails_with_the_reason()
    {
        var run = await CliRun.InvokeAsync("queue", "list", "nowhere", "--http", Http);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("mta: no queue named 'nowhere'", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Suspend_and_resume_act_on_the_queue_of_a_link()
    {
        var suspend = await CliRun.InvokeAsync("queue", "suspend", "x400-paris", "--http", Http);

        Assert.Equal((0, "x400-paris: suspended (length 42)"), (suspend.ExitCode, suspend.OutLines.Single()));
    }
}
