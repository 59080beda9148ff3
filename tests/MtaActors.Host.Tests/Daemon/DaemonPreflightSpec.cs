using System.Net;
using System.Net.Sockets;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Daemon;

/// <summary>
/// <c>mta run</c> on settings that cannot work, through the real executable: each is exit 2 and one line on stderr naming
/// the field, the value and the problem, with nothing on stdout (no stack trace, no log), before the actor system starts.
/// </summary>
public sealed class DaemonPreflightSpec : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _folder = new("mta-preflight");

    public void Dispose() => _folder.Dispose();

    private static async Task<string> RefusedAsync(params string[] arguments)
    {
        var run = await MtaRun.RunAsync(["run", "--journal", "memory", .. arguments], Bound);

        Assert.True(run.ExitCode == 2, $"exit {run.ExitCode}\nstdout: {run.Out}\nstderr: {run.Error}");
        Assert.Equal("", run.Out);
        return Assert.Single(run.ErrorLines);
    }

    private string Http() => $"http://127.0.0.1:{FreePort.Next()}";

    [Fact]
    public async Task Data_naming_a_file_is_refused()
    {
        var file = _folder.File("data");
        await File.WriteAllTextAsync(file, "not a folder");

        Assert.Equal($"mta: dataDirectory: {file}: is a file, not a folder", await RefusedAsync("--data", file, "--http", Http()));
    }

    [Fact]
    public async Task Data_folder_that_cannot_be_created_is_refused_saying_why()
    {
        var file = _folder.File("plain");
        await File.WriteAllTextAsync(file, "in the way");
        var data = Path.Combine(file, "data");

        Assert.Equal($"mta: dataDirectory: {data}: cannot create: {file} is a file", await RefusedAsync("--data", data, "--http", Http()));
    }

    [Fact]
    public async Task Data_folder_that_cannot_be_written_is_refused()
    {
        // Root ignores permission bits; sysfs refuses new files to root as well.
        var data = Environment.UserName == "root" ? "/sys" : ReadOnlyFolder();

        Assert.StartsWith($"mta: dataDirectory: {data}: not writable: ", await RefusedAsync("--data", data, "--http", Http()));
    }

    [Fact]
    public async Task Topology_path_that_is_a_folder_says_so()
    {
        var folder = Directory.CreateDirectory(_folder.File("topology")).FullName;

        Assert.Equal($"mta: topology: {folder}: is a folder, not a topology file", await RefusedAsync("--config", folder, "--data", _folder.File("d"), "--http", Http()));
    }

    [Fact]
    public async Task Settings_path_that_is_a_folder_says_so()
    {
        var folder = Directory.CreateDirectory(_folder.File("settings")).FullName;

        Assert.Equal($"mta: {folder}: is a folder, not a settings file", await RefusedAsync("--settings", folder, "--data", _folder.File("d"), "--http", Http()));
    }

    [Fact]
    public async Task Admin_port_already_in_use_names_the_field_and_the_address()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;

        Assert.Equal(
            $"mta: http: cannot listen on http://127.0.0.1:{port}: address already in use",
            await RefusedAsync("--data", _folder.File("d"), "--http", $"http://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task Admin_address_this_machine_does_not_have_names_the_field()
    {
        // 192.0.2.0/24 is TEST-NET-1: documentation only, never assigned to a host.
        Assert.Equal(
            "mta: http: cannot listen on http://192.0.2.1:8080: this machine has no such address",
            await RefusedAsync("--data", _folder.File("d"), "--http", "http://192.0.2.1:8080", "--admin-token", "a-token-of-16-chars-or-more"));
    }

    [Fact]
    public async Task Https_admin_address_is_refused_as_the_daemon_serves_plain_http()
    {
        var port = FreePort.Next();

        Assert.Equal(
            $"mta: --http: https://127.0.0.1:{port}: the admin API serves plain http; put a TLS-terminating proxy in front for https",
            await RefusedAsync("--data", _folder.File("d"), "--http", $"https://127.0.0.1:{port}"));
    }

    [Fact]
    public async Task Sqlite_connection_string_into_a_missing_folder_is_refused()
    {
        var database = Path.Combine(_folder.File("absent"), "mta.db");
        var run = await MtaRun.RunAsync(["run", "--journal", "sqlite", "--connection", $"Data Source={database}", "--data", _folder.File("d"), "--http", Http()], Bound);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"mta: connectionString: {database}: folder {_folder.File("absent")} does not exist"], run.ErrorLines);
    }

    [Fact]
    public async Task Journal_file_that_is_a_folder_blames_the_data_folder()
    {
        var data = _folder.File("data");
        var journal = Directory.CreateDirectory(Path.Combine(data, "mta.db")).FullName;
        var run = await MtaRun.RunAsync(["run", "--journal", "sqlite", "--data", data, "--http", Http()], Bound);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"mta: dataDirectory: {journal}: is a folder, not a database file"], run.ErrorLines);
    }

    private string ReadOnlyFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("a folder without write permission is a Unix spec");
        }

        var folder = Directory.CreateDirectory(_folder.File("read-only")).FullName;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return folder;
    }
}
