namespace MtaActors.Host.Tests.Api;

/// <summary><c>/api/mta</c>, <c>/api/mta/disable</c> and <c>/api/mta/enable</c> over a real socket, and the CLI on top.</summary>
public sealed class MtaApiSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Disable_with_a_reason_answers_the_state_and_get_shows_it_then_enable_clears_it()
    {
        var (status, body) = await server.PostAsync("/api/mta/disable", """{"reason": "site move"}""");

        Assert.Equal(200, status);
        Assert.True(body.GetProperty("disabled").GetBoolean());
        Assert.Equal("site move", body.GetProperty("reason").GetString());
        var (_, shown) = await server.GetAsync("/api/mta");
        Assert.True(shown.GetProperty("disabled").GetBoolean());

        var (enabledStatus, enabled) = await server.PostAsync("/api/mta/enable", "");
        Assert.Equal(200, enabledStatus);
        Assert.False(enabled.GetProperty("disabled").GetBoolean());
    }

    [Fact]
    public async Task Disable_without_a_body_uses_the_default_reason()
    {
        var (status, body) = await server.PostAsync("/api/mta/disable", "");

        Assert.Equal(200, status);
        Assert.Equal("disabled by an operator", body.GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData("{", "body: malformed JSON")]
    [InlineData("""{"reason": 5}""", "reason: expected a non-empty string")]
    [InlineData("""{"why": "x"}""", "why: unknown field")]
    [InlineData("[]", "body: expected an object")]
    public async Task Bad_disable_requests_get_400_naming_the_field(string json, string reason)
    {
        var (status, answer) = await server.PostAsync("/api/mta/disable", json);

        Assert.Equal(400, status);
        Assert.StartsWith(reason, answer.GetProperty("error").GetString());
        Assert.False(gateway.Administration.Disabled);
    }

    [Fact]
    public async Task Cli_disable_and_enable_print_one_line_each()
    {
        var disable = await CliRun.InvokeAsync("disable", "--reason", "site move", "--http", server.Address.ToString());
        Assert.Equal(0, disable.ExitCode);
        Assert.StartsWith("MTA disabled (site move); ", Assert.Single(disable.OutLines));

        var enable = await CliRun.InvokeAsync("enable", "--json", "--http", server.Address.ToString());
        Assert.Equal(0, enable.ExitCode);
        Assert.Contains("\"disabled\":false", enable.Out);
    }

    [Fact]
    public async Task Cli_disable_with_an_empty_reason_is_bad_usage()
    {
        var run = await CliRun.InvokeAsync("disable", "--reason", " ", "--http", server.Address.ToString());

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("mta: --reason: expected some text", Assert.Single(run.ErrorLines));
    }
}
