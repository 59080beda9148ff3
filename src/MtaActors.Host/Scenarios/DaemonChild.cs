using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MtaActors.Host.Client;

namespace MtaActors.Host.Scenarios;

/// <summary>
/// The daemon a scenario drives, as a child process of this same <c>mta</c> executable (<c>mta run</c> on a temp data
/// folder and a free loopback port). It can be killed with SIGKILL and started again on the same data and port, which
/// is what the timeline's kill and restart actions need. Its output goes to <c>daemon.log</c> in the work folder.
/// </summary>
public sealed class DaemonChild : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string _workFolder;
    private readonly string _journal;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly StreamWriter _log;
    private Process? _process;

    public DaemonChild(string workFolder, string topologyPath, string journal, IReadOnlyDictionary<string, string> environment)
    {
        _workFolder = workFolder;
        TopologyPath = topologyPath;
        _journal = journal;
        _environment = environment;
        DataDirectory = Path.Combine(workFolder, "data");
        BaseAddress = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}");
        LogPath = Path.Combine(workFolder, "daemon.log");
        _log = new StreamWriter(LogPath, append: true) { AutoFlush = true };
    }

    public Uri BaseAddress { get; }

    public string DataDirectory { get; }

    public string LogPath { get; }

    /// <summary>The topology the next start uses (remove-link writes a new one and points here).</summary>
    public string TopologyPath { get; set; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts <c>mta run</c> and waits (bounded) for <c>GET /health</c> to answer 200.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var info = StartInfo();
        foreach (var argument in new[] { "run", "--config", TopologyPath, "--data", DataDirectory, "--http", BaseAddress.ToString(), "--journal", _journal, "--log-level", "warning", "--smtp", "off" })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in _environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the daemon");
        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitHealthyAsync(cancellationToken);
    }

    /// <summary>SIGKILL: no shutdown hooks, nothing flushed; what a crash looks like.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>
    /// SIGSTOP: every thread of the daemon freezes, its sockets stay open (clients connect into the backlog and wait);
    /// what a paused VM or a stop-the-world stall looks like from outside. Answers the process state the kernel then
    /// reports (<c>T</c>, stopped), read back so the report shows the pause took hold.
    /// </summary>
    public async Task<string> PauseAsync()
    {
        await SignalAsync("STOP");
        return await ProcessStateAsync("T");
    }

    /// <summary>SIGCONT: the paused daemon runs on from where it stopped; answers the process state it is then in.</summary>
    public async Task<string> ContinueAsync()
    {
        await SignalAsync("CONT");
        return await ProcessStateAsync("R", "S", "D");
    }

    /// <summary>Asks for a clean stop (SIGTERM through the host), bounded; kills it if the bound passes.</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        // A paused daemon (SIGSTOP) cannot act on SIGTERM: let it run first, so the stop is a clean one.
        await SignalAsync("CONT");
        using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false }))
        {
            if (term is not null)
            {
                await term.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private async Task SignalAsync(string signal)
    {
        if (_process is not { HasExited: false } process)
        {
            throw new InvalidOperationException("the daemon is not running");
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"could not send SIG{signal}");
        await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(5));
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} exited {kill.ExitCode}");
        }
    }

    /// <summary>
    /// The process state letter of /proc/PID/stat once it is one of <paramref name="expected"/> (a signal is delivered
    /// asynchronously), waiting at most 5 s; "unknown" where /proc is missing.
    /// </summary>
    private async Task<string> ProcessStateAsync(params string[] expected)
    {
        var stat = $"/proc/{_process!.Id}/stat";
        if (!File.Exists(stat))
        {
            return "unknown";
        }

        var state = "";
        for (var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5); DateTime.UtcNow < deadline; await Task.Delay(20))
        {
            // The state follows the command name, which is in parentheses and may itself hold spaces.
            var text = await File.ReadAllTextAsync(stat);
            state = text[(text.LastIndexOf(')') + 2)..].Split(' ')[0];
            if (expected.Contains(state))
            {
                break;
            }
        }

        return state;
    }

    /// <summary>The same executable that runs this command: the apphost when launched as <c>mta</c>, else <c>dotnet mta.dll</c>.</summary>
    internal static ProcessStartInfo StartInfo()
    {
        var assembly = typeof(DaemonChild).Assembly.Location;
        var apphost = Path.Combine(Path.GetDirectoryName(assembly)!, Path.GetFileNameWithoutExtension(assembly));
        var current = Environment.ProcessPath;
        ProcessStartInfo info;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == Path.GetFileNameWithoutExtension(assembly))
        {
            info = new ProcessStartInfo(current);
        }
        else if (File.Exists(apphost) && !OperatingSystem.IsWindows())
        {
            info = new ProcessStartInfo(apphost);
        }
        else
        {
            var muxer = current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
            info = new ProcessStartInfo(muxer);
            info.ArgumentList.Add(assembly);
        }

        info.UseShellExecute = false;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        return info;
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // The process wrote after the scenario ended.
            }
        }
    }

    /// <summary>Waits (bounded) until the daemon answers <c>GET /health</c> with 200.</summary>
    public async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new MtaAdminClient(new DaemonEndpoint(BaseAddress, Token: null), TimeSpan.FromSeconds(2));
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartTimeout)
        {
            if (_process is { HasExited: true } exited)
            {
                throw new InvalidOperationException($"the daemon exited with code {exited.ExitCode} while starting; see {LogPath}");
            }

            try
            {
                if ((await client.HealthAsync(cancellationToken)).Value.Status == "ok")
                {
                    return;
                }
            }
            catch (Exception e) when (e is DaemonUnreachableException or AdminApiException)
            {
                // not listening yet, or not answering yet
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"the daemon did not become healthy within {StartTimeout.TotalSeconds:0} s; see {LogPath}");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
