using System.Net.Http.Json;
using System.Text.Json;

namespace MtaActors.Host.Tests.Api;

/// <summary>
/// Issue 10, class 3: the framework's own errors keep docs/api.md's promise of a <c>{"error": "..."}</c> body. A path no
/// endpoint has is 404, a method the path does not take is 405 with an <c>Allow</c> header, both with a JSON body.
/// </summary>
public sealed class ErrorBodySpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("GET", "/api/nope")]
    [InlineData("POST", "/api/messages/m-1/explode")]
    [InlineData("GET", "/")]
    [InlineData("DELETE", "/api/queues/x400-paris")]
    public async Task Unknown_route_is_404_with_an_error_body(string method, string path)
    {
        using var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(404, (int)response.StatusCode);
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"no endpoint at {path} (see docs/api.md)", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("PATCH", "/api/mta", "GET")]
    [InlineData("POST", "/health", "GET")]
    [InlineData("GET", "/api/purge", "POST")]
    [InlineData("POST", "/api/links/x400-paris/faults", "GET, PUT, DELETE")]
    public async Task Wrong_method_is_405_with_allow_and_an_error_body(string method, string path, string allowed)
    {
        using var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(405, (int)response.StatusCode);
        Assert.Equal(allowed.Split(", ").Order(), response.Content.Headers.Allow.Order());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith($"method {method} is not allowed on {path} (allowed: ", body.GetProperty("error").GetString());
        Assert.Empty(gateway.Submitted);
        Assert.Empty(gateway.Purges);
    }
}
