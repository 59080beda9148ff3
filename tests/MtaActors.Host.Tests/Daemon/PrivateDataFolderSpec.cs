using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Daemon;

/// <summary>
/// The data folder holds message bodies and who wrote to whom: the real daemon creates it 0700 and every file in it
/// 0600 (journal, delivery logs, tracking log), whatever the umask, and warns about an existing folder others can read.
/// </summary>
public sealed class PrivateDataFolderSpec : IDisposable
{
    private readonly TempDirectory _folder = new("mta-private");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_new_data_folder_and_everything_written_in_it_are_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes; Windows files inherit the folder's ACL
        }

        var data = Path.Combine(_folder.Path, "var", "data");
        await using (var daemon = await DaemonProcess.StartAsync(data))
        {
            await DeliverOneAsync(daemon);
            AssertOwnerOnly(data); // while running: the journal's companion files exist now, if ever
            await daemon.StopAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(0, daemon.ExitCode);
            Assert.DoesNotContain("mta: warning:", daemon.Output, StringComparison.Ordinal);
        }

        AssertOwnerOnly(data);
        Assert.Contains(Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories), f => f.EndsWith("mta.db", StringComparison.Ordinal));
        Assert.Contains(Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories), f => f.Contains("tracking-", StringComparison.Ordinal));
        Assert.Contains(Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories), f => f.EndsWith("local-store.log", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_existing_data_folder_that_others_can_read_is_warned_about_on_stderr_and_kept()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var data = Directory.CreateDirectory(_folder.File("shared")).FullName;
        var open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(data, open);

        await using (var daemon = await DaemonProcess.StartAsync(data, ["--journal", "memory"]))
        {
            Assert.Contains($"mta: warning: dataDirectory: {data}: mode 755 lets others read the journal and logs, which hold message bodies; chmod 700 {data}", daemon.Output, StringComparison.Ordinal);
        }

        Assert.Equal(open, File.GetUnixFileMode(data));
    }

    private static async Task DeliverOneAsync(DaemonProcess daemon)
    {
        using var response = await daemon.Http.PostAsJsonAsync(
            new Uri("/api/messages", UriKind.Relative),
            new { from = "jsmith@london.contoso.com", to = new[] { "mjones@london.contoso.com", "pdupont@paris.contoso.com" }, subject = "private" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while ((await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stats", UriKind.Relative))).GetProperty("delivered").GetInt64() < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the message was not delivered in time");
            await Task.Delay(100);
        }
    }

    private static void AssertOwnerOnly(string data)
    {
        const UnixFileMode PrivateFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        const UnixFileMode PrivateFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        var loose = Directory.EnumerateDirectories(data, "*", SearchOption.AllDirectories).Prepend(data).Where(f => ModeOf(f) != PrivateFolder)
            .Concat(Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories).Where(f => ModeOf(f) != PrivateFile))
            .Select(p => $"{p} {Convert.ToString((int)ModeOf(p), 8)}")
            .ToList();
        Assert.True(loose.Count == 0, "not owner-only: " + string.Join(", ", loose));
    }

    private static UnixFileMode ModeOf(string path) => OperatingSystem.IsWindows() ? UnixFileMode.None : File.GetUnixFileMode(path);
}
