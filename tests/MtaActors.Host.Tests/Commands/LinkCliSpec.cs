using MtaActors.Engine.Links;

namespace MtaActors.Host.Tests.Commands;

/// <summary><c>mta flush</c> and <c>mta link suspend|resume</c> against the API on a real socket.</summary>
public sealed class LinkCliSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    private string Http => server.Address.ToString();

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Flush_prints_the_outcome_in_one_line()
    {
        gateway.FlushAnswer = new FlushReport("x", "suspended", 3, 0, 3, FlushOutcomes.Disabled);

        var run = await CliRun.InvokeAsync("flush", "x400-paris", "--recipient", "pdupont@paris.contoso.com", "--timeout", "2", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["x400-paris: disabled (state suspended; requested 3, delivered 0, remaining 3)"], run.OutLines);
        var (_, recipient, bound) = Assert.Single(gateway.Flushes);
        Assert.Equal("pdupont@paris.contoso.com", recipient!.Value);
        Assert.Equal(TimeSpan.FromSeconds(2), bound);
    }

    [Fact]
    public async Task Flush_with_json_prints_the_report()
    {
        var run = await CliRun.InvokeAsync("flush", "x400-paris", "--json", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"outcome\":\"delivered\"", run.Out);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("61")]
    [InlineData("soon")]
    public async Task Flush_with_a_bad_timeout_is_bad_usage(string timeout)
    {
        var run = await CliRun.InvokeAsync("flush", "x400-paris", "--timeout", timeout, "--http", Http);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("mta: --timeout: expected seconds", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Link_suspend_and_resume_print_the_new_state()
    {
        var suspend = await CliRun.InvokeAsync("link", "suspend", "x400-paris", "--http", Http);
        var resume = await CliRun.InvokeAsync("link", "resume", "x400-paris", "--http", Http);

        Assert.Equal((0, "x400-paris: suspended (length 42)"), (suspend.ExitCode, suspend.OutLines.Single()));
        Assert.Equal((0, "x400-paris: up (length 42)"), (resume.ExitCode, resume.OutLines.Single()));
    }

    [Fact]
    public async Task Flush_of_an_unknown_link_fails_with_the_reason()
    {
        var run = await CliRun.InvokeAsync("flush", "nowhere", "--http", Http);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("mta: no link named 'nowhere'", Assert.Single(run.ErrorLines));
    }
}
