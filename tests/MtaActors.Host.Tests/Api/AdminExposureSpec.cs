using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MtaActors.Host.Api;

namespace MtaActors.Host.Tests.Api;

/// <summary>
/// Issue 10, class 7, over real sockets: with a token every call but <c>/health</c> needs <c>Authorization: Bearer</c>;
/// whatever the token, a state change needs <c>application/json</c> and no foreign <c>Origin</c> (what a page on another
/// site can send without asking never changes state), and a <c>Host</c> that does not name the daemon (DNS rebinding) is 400.
/// </summary>
public sealed class AdminExposureSpec : IAsyncLifetime
{
    private const string Token = "s3cret-token-0123456789";

    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    public async Task InitializeAsync()
        => server = await ApiServer.StartAsync(gateway, new AdminAccess(Token, ["mta.example.com", "proxy.example.com:8443"], "127.0.0.1"));

    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(
        HttpMethod method,
        string path,
        string? token = Token,
        string? body = null,
        string contentType = "application/json",
        Action<HttpRequestHeaders>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        headers?.Invoke(request.Headers);
        var response = await server.Client.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(), response);
    }

    [Theory]
    [InlineData(null, "Authorization: a bearer token is required")]
    [InlineData("s3cret-token-012345678", "Authorization: the bearer token is not this daemon's admin token")]
    [InlineData("s3cret-token-0123456789x", "Authorization: the bearer token is not this daemon's admin token")]
    public async Task Without_the_token_every_call_is_401_and_changes_nothing(string? token, string reason)
    {
        foreach (var (method, path, body) in new[] { ("GET", "/api/stats", null), ("POST", "/api/mta/disable", """{"reason": "x"}"""), ("GET", "/api/nope", null) })
        {
            var (status, answer, response) = await SendAsync(new HttpMethod(method), path, token, body);

            Assert.Equal(401, status);
            Assert.StartsWith(reason, answer.GetProperty("error").GetString());
            Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        }

        Assert.False(gateway.Administration.Disabled);
    }

    [Fact]
    public async Task With_the_token_calls_are_served_and_health_needs_none()
    {
        Assert.Equal(200, (await SendAsync(HttpMethod.Get, "/api/stats")).Status);
        Assert.Equal(200, (await SendAsync(HttpMethod.Post, "/api/mta/disable", body: """{"reason": "move"}""")).Status);
        Assert.True(gateway.Administration.Disabled);
        Assert.Equal(200, (await SendAsync(HttpMethod.Get, "/health", token: null)).Status);
    }

    [Theory]
    [InlineData("POST", "/api/messages", """{"from": "a@lon.test", "to": ["b@par.test"]}""", "text/plain")]
    [InlineData("POST", "/api/messages", """{"from": "a@lon.test", "to": ["b@par.test"]}""", "text/plain; charset=utf-8")]
    [InlineData("POST", "/api/purge", "classes=link-monitor", "application/x-www-form-urlencoded")]
    [InlineData("POST", "/api/mta/disable", "", "application/x-www-form-urlencoded")]
    [InlineData("POST", "/api/queues/x400-paris/retry", "", "multipart/form-data; boundary=x")]
    [InlineData("PUT", "/api/links/x400-paris/faults", """{"kind": "down"}""", "application/json; charset=latin1")]
    public async Task A_state_change_that_is_not_json_is_415_and_changes_nothing(string method, string path, string body, string contentType)
    {
        var (status, answer, _) = await SendAsync(new HttpMethod(method), path, body: body, contentType: contentType);

        Assert.Equal(415, status);
        Assert.StartsWith("Content-Type: expected application/json", answer.GetProperty("error").GetString());
        AssertNothingChanged();
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1:1")]
    public async Task A_state_change_from_a_foreign_origin_is_403_and_changes_nothing(string origin)
    {
        foreach (var (method, path, body) in new[]
        {
            ("POST", "/api/messages", """{"from": "a@lon.test", "to": ["b@par.test"]}"""),
            ("POST", "/api/mta/disable", ""),
            ("POST", "/api/links/x400-paris/suspend", null),
            ("POST", "/api/purge", """{"classes": ["link-monitor"]}"""),
            ("POST", "/api/queues/x400-paris/retry", null),
            ("DELETE", "/api/links/x400-paris/faults", null),
        })
        {
            var (status, answer, _) = await SendAsync(new HttpMethod(method), path, body: body, headers: h => h.Add("Origin", origin));

            Assert.Equal(403, status);
            Assert.StartsWith("Origin: ", answer.GetProperty("error").GetString());
        }

        AssertNothingChanged();
    }

    [Fact]
    public async Task A_state_change_from_the_daemons_own_origin_is_served()
    {
        var (status, _, _) = await SendAsync(HttpMethod.Post, "/api/mta/disable", body: "", headers: h => h.Add("Origin", server.Address.GetLeftPart(UriPartial.Authority)));

        Assert.Equal(200, status);
    }

    [Theory]
    [InlineData("evil.example.com:{port}", 400)]
    [InlineData("evil.example.com", 400)]
    [InlineData("127.0.0.1:1", 400)]
    [InlineData("10.1.2.3:{port}", 400)]
    [InlineData("localhost:{port}", 200)]
    [InlineData("127.0.0.1:{port}", 200)]
    [InlineData("[::1]:{port}", 200)]
    [InlineData("mta.example.com", 200)]
    [InlineData("mta.example.com:9999", 200)]
    [InlineData("proxy.example.com:8443", 200)]
    [InlineData("proxy.example.com", 400)]
    public async Task Only_a_host_that_names_this_daemon_is_served(string host, int expected)
    {
        var (status, answer, _) = await SendAsync(HttpMethod.Get, "/health", headers: h => h.Host = host.Replace("{port}", server.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(expected, status);
        if (expected == 400)
        {
            Assert.StartsWith("Host: ", answer.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task The_cli_sends_the_token_it_is_given()
    {
        var address = server.Address.ToString();

        var refused = await CliRun.InvokeAsync("stats", "--http", address);
        var served = await CliRun.InvokeAsync("stats", "--http", address, "--admin-token", Token);

        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith("mta: Authorization: a bearer token is required", Assert.Single(refused.ErrorLines));
        Assert.Equal(0, served.ExitCode);
        Assert.Contains("accepted messages", served.Out);
    }

    private void AssertNothingChanged()
    {
        Assert.Empty(gateway.Submitted);
        Assert.Empty(gateway.Purges);
        Assert.Empty(gateway.Retries);
        Assert.False(gateway.Administration.Disabled);
    }
}
