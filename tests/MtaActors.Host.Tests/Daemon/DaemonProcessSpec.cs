using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Daemon;

/// <summary>The real <c>mta run</c> as a child process on the sample topology: what a newcomer does first.</summary>
public sealed class DaemonProcessSpec : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _data = new();

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
    public async Task Sample_daemon_delivers_stops_cleanly_on_sigterm_and_remembers_deliveries()
    {
        await using (var daemon = await DaemonProcess.StartAsync(_data.Path))
        {
            using var response = await daemon.Http.PostAsJsonAsync(
                new Uri("/api/messages", UriKind.Relative),
                new { from = "jsmith@london.contoso.com", to = new[] { "mjones@london.contoso.com", "pdupont@paris.contoso.com" }, subject = "hello" });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

            await EventuallyAsync(async () => (await GetAsync(daemon, "/api/stats")).GetProperty("delivered").GetInt64() == 2);

            var took = await daemon.StopAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(0, daemon.ExitCode);
            Assert.True(took < TimeSpan.FromSeconds(10), $"shutdown took {took}");
        }

        await using var again = await DaemonProcess.StartAsync(_data.Path);
        var sites = (await GetAsync(again, "/api/sites")).EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("delivered").GetInt64());
        Assert.Equal(1, sites["local-store"]);
        Assert.Equal(1, sites["Paris"]);
    }

    public void Dispose() => _data.Dispose();
}
