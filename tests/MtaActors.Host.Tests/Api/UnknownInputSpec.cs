using System.Text;
using MtaActors.Engine.Faults;

namespace MtaActors.Host.Tests.Api;

/// <summary>
/// Issue 10, class 4: a query parameter or a body field an endpoint does not know is a 400 naming it, never ignored, so a
/// typo never widens what a call does (<c>?knd=latency</c> once cleared every fault of the link).
/// </summary>
public sealed class UnknownInputSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    public async Task InitializeAsync()
    {
        server = await ApiServer.StartAsync(gateway);
        gateway.Faults.Set("x400-paris", DownFault.Instance);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("DELETE", "/api/links/x400-paris/faults?knd=latency", "knd: unknown parameter (expected kind)")]
    [InlineData("DELETE", "/api/links/x400-paris/faults?kind=latency&kind=down", "kind: given more than once")]
    [InlineData("POST", "/api/links/x400-paris/flush?timout=30", "timout: unknown parameter (expected timeout)")]
    [InlineData("GET", "/api/stats?verbose=1", "verbose: unknown parameter (this endpoint takes no parameters)")]
    [InlineData("POST", "/api/mta/enable?force=true", "force: unknown parameter (this endpoint takes no parameters)")]
    [InlineData("POST", "/api/queues/x400-paris/retry?all", "all: unknown parameter (this endpoint takes no parameters)")]
    public async Task Unknown_query_parameter_is_400_naming_it_and_changes_nothing(string method, string path, string reason)
    {
        var (status, body) = await server.SendAsync(new HttpMethod(method), path);

        Assert.Equal(400, status);
        Assert.Equal(reason, body.GetProperty("error").GetString());
        AssertNothingChanged();
    }

    [Theory]
    [InlineData("POST", "/api/links/x400-paris/flush", """{"recipent": "pdupont@paris.contoso.com"}""", "recipent: unknown field")]
    [InlineData("POST", "/api/mta/disable", """{"reason": "move", "until": "monday"}""", "until: unknown field")]
    [InlineData("POST", "/api/purge", """{"classes": ["link-monitor"], "dryrun": true, "force": true}""", "force: unknown field")]
    [InlineData("POST", "/api/messages", """{"from": "a@lon.test", "to": ["b@par.test"], "cc": ["c@par.test"]}""", "cc: unknown field")]
    [InlineData("POST", "/api/mta/enable", """{"reason": "x"}""", "body: this endpoint takes no body")]
    [InlineData("POST", "/api/links/x400-paris/suspend", """{"reason": "x"}""", "body: this endpoint takes no body")]
    [InlineData("DELETE", "/api/messages/m-1", """{"ndr": true}""", "body: this endpoint takes no body")]
    public async Task Unknown_body_field_is_400_naming_it_and_changes_nothing(string method, string path, string json, string reason)
    {
        var (status, body) = await server.SendBytesAsync(new HttpMethod(method), path, Encoding.UTF8.GetBytes(json));

        Assert.Equal(400, status);
        Assert.Equal(reason, body.GetProperty("error").GetString());
        AssertNothingChanged();
    }

    [Fact]
    public async Task Known_parameters_still_work()
    {
        var (status, _) = await server.SendAsync(HttpMethod.Delete, "/api/links/x400-paris/faults?kind=down");

        Assert.Equal(200, status);
        Assert.Empty(gateway.Faults.Get("x400-paris"));
    }

    private void AssertNothingChanged()
    {
        Assert.Single(gateway.Faults.Get("x400-paris"));
        Assert.Empty(gateway.Flushes);
        Assert.Empty(gateway.Purges);
        Assert.Empty(gateway.Submitted);
        Assert.Empty(gateway.Operations);
        Assert.Empty(gateway.Retries);
        Assert.False(gateway.Administration.Disabled);
    }
}
