using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Api;

/// <summary>
/// The id rule on the wire, against the real <c>mta run</c> on the sample topology (issue 10, class 1): a resubmitted id
/// with the same content is a 202 marked as a duplicate, with other content a 409 naming the id (and the index in a
/// batch), and the rule still holds after the daemon restarts.
/// </summary>
public sealed class IdPromiseApiSpec : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _data = new();

    private static object Order(string id, string to) => new { id, from = "jsmith@london.contoso.com", to = new[] { to }, subject = "order" };

    private static async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(DaemonProcess daemon, string path, object body)
    {
        using var response = await daemon.Http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    private static async Task<JsonElement> GetAsync(DaemonProcess daemon, string path)
        => await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative));

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task Reused_id_is_a_duplicate_with_the_same_content_and_a_409_with_other_content_before_and_after_a_restart()
    {
        await using (var daemon = await DaemonProcess.StartAsync(_data.Path))
        {
            var first = await PostAsync(daemon, "/api/messages", Order("order-1", "mjones@london.contoso.com"));
            Assert.Equal(HttpStatusCode.Accepted, first.Status);
            Assert.Equal("""{"id":"order-1"}""", first.Body.GetRawText());
            await EventuallyAsync(async () => (await GetAsync(daemon, "/api/stats")).GetProperty("delivered").GetInt64() == 1);

            var again = await PostAsync(daemon, "/api/messages", Order("order-1", "mjones@london.contoso.com"));
            Assert.Equal(HttpStatusCode.Accepted, again.Status);
            Assert.Equal("""{"id":"order-1","duplicate":true}""", again.Body.GetRawText());

            var other = await PostAsync(daemon, "/api/messages", Order("order-1", "pdupont@paris.contoso.com"));
            Assert.Equal(HttpStatusCode.Conflict, other.Status);
            Assert.StartsWith("id: 'order-1' is already taken by a different message (finished at ", other.Body.GetProperty("error").GetString(), StringComparison.Ordinal);

            var conflicting = await PostAsync(daemon, "/api/messages/batch", new[] { Order("b-1", "mjones@london.contoso.com"), Order("b-1", "pdupont@paris.contoso.com") });
            Assert.Equal(HttpStatusCode.Conflict, conflicting.Status);
            Assert.Equal("[1].id: 'b-1' repeats message [0] of this batch with different content; nothing of this batch was accepted", conflicting.Body.GetProperty("error").GetString());

            var repeated = await PostAsync(daemon, "/api/messages/batch", new[] { Order("b-2", "mjones@london.contoso.com"), Order("b-2", "mjones@london.contoso.com") });
            Assert.Equal(HttpStatusCode.Accepted, repeated.Status);
            Assert.Equal("""{"ids":["b-2","b-2"],"duplicates":[1]}""", repeated.Body.GetRawText());

            await EventuallyAsync(async () => (await GetAsync(daemon, "/api/stats")).GetProperty("delivered").GetInt64() == 2);
            var stats = await GetAsync(daemon, "/api/stats");
            Assert.Equal(2, stats.GetProperty("accepted").GetInt64());
            Assert.Equal(2, stats.GetProperty("submissionsDeduplicated").GetInt64());
            await daemon.StopAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, daemon.ExitCode);
        }

        await using var restarted = await DaemonProcess.StartAsync(_data.Path);
        var afterRestart = await PostAsync(restarted, "/api/messages", Order("order-1", "mjones@london.contoso.com"));
        Assert.Equal(HttpStatusCode.Accepted, afterRestart.Status);
        Assert.Equal("""{"id":"order-1","duplicate":true}""", afterRestart.Body.GetRawText());
        var otherAfterRestart = await PostAsync(restarted, "/api/messages", Order("order-1", "pdupont@paris.contoso.com"));
        Assert.Equal(HttpStatusCode.Conflict, otherAfterRestart.Status);
        Assert.Contains("'order-1'", otherAfterRestart.Body.GetProperty("error").GetString(), StringComparison.Ordinal);

        var restartedStats = await GetAsync(restarted, "/api/stats");
        Assert.Equal(0, restartedStats.GetProperty("accepted").GetInt64());
        Assert.Equal(1, restartedStats.GetProperty("submissionsDeduplicated").GetInt64());
        var sites = (await GetAsync(restarted, "/api/sites")).EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("received").GetInt64());
        Assert.Equal(2, sites["local-store"]);
        Assert.Equal(0, sites["Paris"]);
    }

    public void Dispose() => _data.Dispose();
}
