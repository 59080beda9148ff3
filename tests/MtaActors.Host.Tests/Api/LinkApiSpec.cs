namespace MtaActors.Host.Tests.Api;

/// <summary>Flush, suspend and resume over a real socket: request shape, bounds and the report's JSON.</summary>
public sealed class LinkApiSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Flush_for_a_recipient_answers_the_report_with_the_default_bound()
    {
        var (status, body) = await server.PostAsync("/api/links/x400-paris/flush", """{"recipient": "PDupont@Paris.Contoso.com"}""");

        Assert.Equal(200, status);
        Assert.Equal("x400-paris", body.GetProperty("link").GetString());
        Assert.Equal("delivered", body.GetProperty("outcome").GetString());
        Assert.Equal(2, body.GetProperty("requested").GetInt32());
        Assert.Equal(0, body.GetProperty("remaining").GetInt32());
        var (_, recipient, bound) = Assert.Single(gateway.Flushes);
        Assert.Equal("pdupont@paris.contoso.com", recipient!.Value);
        Assert.Equal(TimeSpan.FromSeconds(5), bound);
    }

    [Fact]
    public async Task Flush_without_a_body_means_everything_and_takes_the_timeout_from_the_query()
    {
        var (status, _) = await server.PostAsync("/api/links/x400-paris/flush?timeout=1.5", "");

        Assert.Equal(200, status);
        var (_, recipient, bound) = Assert.Single(gateway.Flushes);
        Assert.Null(recipient);
        Assert.Equal(TimeSpan.FromSeconds(1.5), bound);
    }

    [Theory]
    [InlineData("/api/links/x400-paris/flush?timeout=0", "", "timeout: expected seconds")]
    [InlineData("/api/links/x400-paris/flush?timeout=600", "", "timeout: expected seconds")]
    [InlineData("/api/links/x400-paris/flush", """{"recipient": "not an address"}""", "recipient: ")]
    [InlineData("/api/links/x400-paris/flush", """{"recipient": 5}""", "recipient: expected an address string")]
    [InlineData("/api/links/x400-paris/flush", "{", "body: malformed JSON")]
    public async Task Bad_flush_requests_get_400_naming_the_field(string path, string body, string reason)
    {
        var (status, answer) = await server.PostAsync(path, body);

        Assert.Equal(400, status);
        Assert.StartsWith(reason, answer.GetProperty("error").GetString());
        Assert.Empty(gateway.Flushes);
    }

    [Theory]
    [InlineData("flush")]
    [InlineData("suspend")]
    [InlineData("resume")]
    public async Task Unknown_link_gets_404(string operation)
    {
        var (status, answer) = await server.PostAsync($"/api/links/nowhere/{operation}", "");

        Assert.Equal(404, status);
        Assert.Equal("no link named 'nowhere'", answer.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Suspend_and_resume_answer_the_links_queue_status()
    {
        var (suspendStatus, suspended) = await server.PostAsync("/api/links/x400-paris/suspend", "");
        var (resumeStatus, resumed) = await server.PostAsync("/api/links/x400-paris/resume", "");

        Assert.Equal((200, "suspended"), (suspendStatus, suspended.GetProperty("state").GetString()));
        Assert.Equal((200, "up"), (resumeStatus, resumed.GetProperty("state").GetString()));
    }
}
