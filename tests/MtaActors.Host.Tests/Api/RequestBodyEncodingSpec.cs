using System.Text;

namespace MtaActors.Host.Tests.Api;

/// <summary>
/// Issue 10, class 2: a body that is not valid UTF-8, or not JSON, is a 400 that names the field on every endpoint that
/// reads a body, never a 500 and never a U+FFFD stored. Bodies go over a real socket as raw bytes.
/// </summary>
public sealed class RequestBodyEncodingSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    /// <summary>A JSON document with one 0xFF byte where <c>BAD</c> is written.</summary>
    private static byte[] WithInvalidByte(string json)
    {
        var at = json.IndexOf("BAD", StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(json[..at]), 0xFF, .. Encoding.UTF8.GetBytes(json[(at + 3)..])];
    }

    [Theory]
    [InlineData("POST", "/api/messages", """{"from": "a@lon.test", "to": ["b@par.test"], "subject": "caf BAD"}""", "subject: invalid UTF-8")]
    [InlineData("POST", "/api/messages", """{"from": "a@lon.test", "to": ["b@par.test", "xBAD@par.test"]}""", "to[1]: invalid UTF-8")]
    [InlineData("POST", "/api/messages/batch", """[{"from": "a@lon.test", "to": ["b@par.test"]}, {"from": "a@lon.test", "to": ["b@par.test"], "body": "BAD"}]""", "[1].body: invalid UTF-8")]
    [InlineData("PUT", "/api/links/x400-paris/faults", """{"kind": "crash", "subject": "BAD"}""", "subject: invalid UTF-8")]
    [InlineData("POST", "/api/purge", """{"classes": ["link-monitorBAD"]}""", "classes[0]: invalid UTF-8")]
    [InlineData("POST", "/api/links/x400-paris/flush", """{"recipient": "pdupontBAD@paris.contoso.com"}""", "recipient: invalid UTF-8")]
    [InlineData("POST", "/api/mta/disable", """{"reason": "site moveBAD"}""", "reason: invalid UTF-8")]
    [InlineData("POST", "/api/mta/disable", """{"reaBADson": "site move"}""", "body: invalid UTF-8 in a property name")]
    public async Task Invalid_utf8_in_a_body_is_400_naming_the_field_and_changes_nothing(string method, string path, string json, string reason)
    {
        var (status, body) = await server.SendBytesAsync(new HttpMethod(method), path, WithInvalidByte(json));

        Assert.Equal(400, status);
        Assert.StartsWith(reason, body.GetProperty("error").GetString());
        AssertNothingChanged();
    }

    [Theory]
    [InlineData("POST", "/api/messages", """{"from": "a@lon.test", "to": ["b@par.test"], "from": "c@lon.test"}""", "from: given more than once")]
    [InlineData("POST", "/api/messages", """{"from": "a@lon.test", "to": ["b@par.test"], "subject": "\ud800"}""", "subject: expected text of valid Unicode")]
    [InlineData("POST", "/api/messages/batch", """[{"from": "a@lon.test", "to": ["b@par.test"]}] x""", "body: malformed JSON")]
    [InlineData("POST", "/api/messages/batch", "", "body: required")]
    [InlineData("POST", "/api/purge", """{"classes": ["link-monitor"], "dryRun": false, "dryrun": true}""", "dryrun: given more than once")]
    [InlineData("POST", "/api/links/x400-paris/flush", """{"recipient": "a@paris.contoso.com"} {}""", "body: malformed JSON")]
    [InlineData("POST", "/api/mta/disable", """{"reason": null, "reason": "x"}""", "reason: given more than once")]
    public async Task Malformed_json_is_400_naming_the_field_and_changes_nothing(string method, string path, string json, string reason)
    {
        var (status, body) = await server.SendBytesAsync(new HttpMethod(method), path, Encoding.UTF8.GetBytes(json));

        Assert.Equal(400, status);
        Assert.StartsWith(reason, body.GetProperty("error").GetString());
        AssertNothingChanged();
    }

    [Fact]
    public async Task Text_outside_ascii_is_stored_as_sent()
    {
        var (status, _) = await server.SendBytesAsync(
            HttpMethod.Post,
            "/api/messages",
            Encoding.UTF8.GetBytes("""{"from": "a@lon.test", "to": ["b@par.test"], "subject": "café ✓ 𝄞"}"""));

        Assert.Equal(202, status);
        Assert.Equal("café ✓ 𝄞", Assert.Single(gateway.Submitted).Subject);
    }

    private void AssertNothingChanged()
    {
        Assert.Empty(gateway.Submitted);
        Assert.Empty(gateway.Purges);
        Assert.Empty(gateway.Flushes);
        Assert.False(gateway.Administration.Disabled);
        Assert.Empty(gateway.Faults.Get("x400-paris"));
    }
}
