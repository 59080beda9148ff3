using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MtaActors.Engine.Faults;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Faults;

/// <summary>
/// <c>"persist": true</c> against the real <c>mta run</c>: a persisted fault comes back after kill -9 and acts (the local
/// store it refuses goes out of <c>up</c>), a fault set without it is gone, and clearing the persisted one removes it for
/// good.
/// </summary>
public sealed class PersistedFaultDaemonSpec : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _data = new();

    private string FaultFile => Path.Combine(_data.Path, PersistedFaultFile.FileName);

    [Fact]
    public async Task A_persisted_fault_survives_kill_9_and_a_plain_one_does_not()
    {
        await using (var daemon = await DaemonProcess.StartAsync(_data.Path))
        {
            Assert.Equal(HttpStatusCode.OK, await PutAsync(daemon, "local-store", """{"kind": "down", "persist": true}"""));
            Assert.Equal(HttpStatusCode.OK, await PutAsync(daemon, "x400-paris", """{"kind": "latency", "latencyMs": 50}"""));
            Assert.True(File.Exists(FaultFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(FaultFile));
            }

            await daemon.KillAsync();
        }

        await using (var restarted = await DaemonProcess.StartAsync(_data.Path))
        {
            var faults = await AllFaultsAsync(restarted);
            var link = Assert.Single(faults.EnumerateArray());
            Assert.Equal("local-store", link.GetProperty("link").GetString());
            Assert.Equal("""[{"kind":"down","persist":true}]""", link.GetProperty("faults").GetRawText());

            // Active, not only listed: local mail meets a refusing store, and its queue leaves "up".
            using var content = new StringContent("""{"from": "jsmith@london.contoso.com", "to": ["mjones@london.contoso.com"], "subject": "after the kill"}""", Encoding.UTF8, "application/json");
            using var submitted = await restarted.Http.PostAsync(new Uri("/api/messages", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
            await EventuallyAsync(async () => await QueueStateAsync(restarted, "local-store") is not "up");

            using var cleared = await restarted.Http.DeleteAsync(new Uri("/api/links/local-store/faults", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
            Assert.False(File.Exists(FaultFile));
            await restarted.KillAsync();
        }

        await using var again = await DaemonProcess.StartAsync(_data.Path);
        Assert.Empty((await AllFaultsAsync(again)).EnumerateArray());
    }

    public void Dispose() => _data.Dispose();

    private static async Task<HttpStatusCode> PutAsync(DaemonProcess daemon, string link, string fault)
    {
        using var content = new StringContent(fault, Encoding.UTF8, "application/json");
        using var response = await daemon.Http.PutAsync(new Uri($"/api/links/{link}/faults", UriKind.Relative), content);
        return response.StatusCode;
    }

    private static async Task<JsonElement> AllFaultsAsync(DaemonProcess daemon)
        => await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/faults", UriKind.Relative));

    private static async Task<string?> QueueStateAsync(DaemonProcess daemon, string name)
    {
        var queues = await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/queues", UriKind.Relative));
        return queues.EnumerateArray().Where(q => q.GetProperty("name").GetString() == name).Select(q => q.GetProperty("state").GetString()).FirstOrDefault();
    }

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(100);
        }
    }
}
