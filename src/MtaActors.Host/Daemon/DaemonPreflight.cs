using System.Collections.Immutable;
using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using MtaActors.Core.Topology;
using MtaActors.Engine.Hosting;
using Npgsql;

namespace MtaActors.Host.Daemon;

/// <summary>
/// Everything about the daemon's settings that can be known before the actor system starts, checked in one place: the
/// combination of settings, the topology file, the journal's connection string, the data folder (created owner-only,
/// see <see cref="PrivateStorage"/>, and written to once) and the admin address (bound once and released). A problem is
/// a <see cref="SettingsException"/> whose message is one line naming the field, the value and what is wrong;
/// <c>mta run</c> exits 2 with it. Nothing after this point should fail on a setting, so the actor system never starts
/// on one that cannot work.
/// </summary>
public static class DaemonPreflight
{
    /// <summary>Checks <paramref name="settings"/> and prepares the data folder; throws <see cref="SettingsException"/>.</summary>
    public static PreflightResult Check(DaemonSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Validate() is { } problem)
        {
            throw new SettingsException(problem);
        }

        var topology = settings.RelayHost is { } relay ? RelayHost.Apply(LoadTopology(settings.Topology), relay) : LoadTopology(settings.Topology);
        var data = PrepareDataFolder(settings.DataDirectory);
        CheckJournal(settings, data);
        // An https admin address is refused where it is read (SettingValues.TryParseListenUrl): the daemon has no certificate.
        CheckListen(DaemonSettingsFields.Http, settings.Http);
        return new PreflightResult(topology, data, [.. new[] { LooseDataFolderWarning(settings.DataDirectory, data) }.OfType<string>()]);
    }

    /// <summary>
    /// Binds <paramref name="url"/>'s address as Kestrel will, and releases it at once: a port in use or an address
    /// this machine does not have is one line naming <paramref name="field"/>, not a stack trace from the host.
    /// </summary>
    public static void CheckListen(string field, Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        foreach (var address in ListenAddresses(url.Host))
        {
            try
            {
                using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                if (address.Equals(IPAddress.IPv6Any))
                {
                    socket.DualMode = true;
                }

                socket.Bind(new IPEndPoint(address, url.Port));
                socket.Listen(1);
            }
            catch (SocketException e)
            {
                throw new SettingsException(CannotListen(field, url, e), e);
            }
        }
    }

    /// <summary>The one line for an address that cannot be listened on, e.g. <c>http: cannot listen on URL: address already in use</c>.</summary>
    public static string CannotListen(string field, Uri url, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var socket = failure as SocketException ?? failure.InnerException as SocketException ?? failure.GetBaseException() as SocketException;
        var reason = socket?.SocketErrorCode switch
        {
            SocketError.AddressAlreadyInUse => "address already in use",
            SocketError.AddressNotAvailable => "this machine has no such address",
            SocketError.AccessDenied => "permission denied (ports below 1024 need privileges)",
            _ => (socket ?? failure).Message,
        };
        return $"{field}: cannot listen on {url.GetLeftPart(UriPartial.Authority)}: {reason}";
    }

    /// <summary>What Kestrel binds for a host name: localhost is both loopbacks (IPv4 is enough to test), any other name every address.</summary>
    private static IEnumerable<IPAddress> ListenAddresses(string host)
    {
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [IPAddress.Loopback];
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address)
            ? [address]
            : [Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any];
    }

    private static Topology LoadTopology(string path)
    {
        if (Directory.Exists(path))
        {
            throw new SettingsException($"{DaemonSettingsFields.Topology}: {path}: is a folder, not a topology file");
        }

        if (!File.Exists(path))
        {
            throw new SettingsException($"{DaemonSettingsFields.Topology}: {path}: topology file not found");
        }

        try
        {
            return TopologyLoader.Load(path);
        }
        catch (TopologyException e)
        {
            throw new SettingsException(e.Message, e);
        }
    }

    /// <summary>
    /// The journal's connection string parses, and a SQLite journal's file can be opened where it is: its own or the
    /// default <c>mta.db</c> in the data folder (then the data folder is the field to blame).
    /// </summary>
    private static void CheckJournal(DaemonSettings settings, string dataFolder)
    {
        if (settings.Journal == JournalKind.Memory)
        {
            return;
        }

        var field = settings.ConnectionString is null ? DaemonSettingsFields.DataDirectory : DaemonSettingsFields.ConnectionString;
        var text = MtaEngine.ConnectionString(settings.ConnectionString, dataFolder);
        try
        {
            if (settings.Journal == JournalKind.Postgres)
            {
                _ = new NpgsqlConnectionStringBuilder(text);
                return;
            }

            var file = new SqliteConnectionStringBuilder(text).DataSource;
            if (string.IsNullOrWhiteSpace(file) || file == ":memory:")
            {
                throw new SettingsException($"{field}: names no database file (Data Source=...): the journal would not survive a stop");
            }

            if (Directory.Exists(file))
            {
                throw new SettingsException($"{field}: {file}: is a folder, not a database file");
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
            if (!Directory.Exists(folder))
            {
                throw new SettingsException($"{field}: {file}: folder {folder} does not exist");
            }
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new SettingsException($"{field}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    /// <summary>Creates the data folder if needed and proves it writable; returns its full path.</summary>
    private static string PrepareDataFolder(string path)
    {
        const string Field = DaemonSettingsFields.DataDirectory;
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new SettingsException($"{Field}: {path}: {e.Message}", e);
        }

        if (File.Exists(full))
        {
            throw new SettingsException($"{Field}: {path}: is a file, not a folder");
        }

        try
        {
            PrivateStorage.CreateFolder(full);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"{Field}: {path}: cannot create: {WhyNotCreated(full, e)}", e);
        }

        // A folder the daemon cannot write fails the first journal write, deep inside the actor system: find out now.
        var probe = Path.Combine(full, $".mta-write-probe-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, PrivateStorage.OwnerOnly(new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.DeleteOnClose })))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"{Field}: {path}: not writable: {OneLine(e)}", e);
        }

        return full;
    }

    /// <summary>
    /// A data folder that already existed keeps its mode (the operator may share it on purpose, and a daemon that
    /// chmods what it did not create surprises), but one its group or others can enter exposes the journal: say so.
    /// </summary>
    private static string? LooseDataFolderWarning(string path, string full)
        => PrivateStorage.LooseModeOf(full) is { } mode
            ? $"{DaemonSettingsFields.DataDirectory}: {path}: mode {mode} lets others read the journal and logs, which hold message bodies; chmod 700 {full}"
            : null;

    /// <summary>The nearest existing ancestor says why: a file in the way, or no permission; else the system's reason.</summary>
    private static string WhyNotCreated(string full, Exception failure)
    {
        for (var parent = Path.GetDirectoryName(full); parent is not null; parent = Path.GetDirectoryName(parent))
        {
            if (File.Exists(parent))
            {
                return $"{parent} is a file";
            }

            if (Directory.Exists(parent))
            {
                break;
            }
        }

        return failure is UnauthorizedAccessException ? "permission denied" : OneLine(failure);
    }

    private static string OneLine(Exception e) => e.Message.ReplaceLineEndings(" ").Trim();
}

/// <summary>What the preflight found: the loaded topology, the data folder's full path, and what works but should be said (stderr).</summary>
public sealed record PreflightResult(Topology Topology, string DataDirectory, ImmutableArray<string> Warnings);
