using System.Diagnostics;
using System.Text;

namespace MtaActors.Tests.Common;

/// <summary>
/// The real daemon as a child process (<c>mta run</c>) on a free loopback port and a given data folder, for tests
/// that need a process boundary: end-to-end use, SIGKILL crash recovery, clean shutdown. Output is kept for diagnostics.
/// </summary>
public sealed class DaemonProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DaemonProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The path of the built <c>mta.dll</c> next to the test assembly.</summary>
    public static string MtaDll => Path.Combine(AppContext.BaseDirectory, "mta.dll");

    /// <summary>Starts <c>mta run</c> and waits (bounded) until <c>GET /health</c> answers 200.</summary>
    public static async Task<DaemonProcess> StartAsync(string dataDirectory, IEnumerable<string>? extraArguments = null, TimeSpan? startTimeout = null)
    {
        var daemon = Launch(dataDirectory, extraArguments);
        await daemon.WaitHealthyAsync(startTimeout ?? TimeSpan.FromSeconds(60));
        return daemon;
    }

    /// <summary>
    /// Starts <c>mta run</c> without waiting for it to become healthy: for tests that may kill it while it is still
    /// recovering. Call <see cref="WaitHealthyAsync"/> to wait. The SMTP listener is off unless
    /// <paramref name="extraArguments"/> pass <c>--smtp</c> (on a free port: tests run daemons in parallel, and the
    /// default port 2525 would be shared).
    /// </summary>
    public static DaemonProcess Launch(string dataDirectory, IEnumerable<string>? extraArguments = null)
    {
        var extra = (extraArguments ?? []).ToList();
        if (!extra.Contains("--smtp"))
        {
            extra.AddRange(["--smtp", "off"]);
        }

        var port = FreePort.Next();
        var url = $"http://127.0.0.1:{port}";
        var info = MtaRun.StartInfo(new[] { "run", "--data", dataDirectory, "--http", url }.Concat(extra));

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the daemon");
        var daemon = new DaemonProcess(process, new Uri(url));
        process.OutputDataReceived += (_, e) => daemon.Append(e.Data);
        process.ErrorDataReceived += (_, e) => daemon.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return daemon;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flushing; what a crash looks like.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    /// <summary>SIGTERM, then waits for exit; returns how long the shutdown took, or throws if it exceeds the bound.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan bound)
    {
        var watch = Stopwatch.StartNew();
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill!.WaitForExitAsync();
            await _process.WaitForExitAsync().WaitAsync(bound);
        }

        return watch.Elapsed;
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The operating system's process id.</summary>
    public int ProcessId => _process.Id;

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(15));
            }
            catch (TimeoutException)
            {
                await KillAsync();
            }
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>Waits (bounded) until <c>GET /health</c> answers 200; throws if the process exits first.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the daemon exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await Http.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.IsSuccessStatusCode && !_process.HasExited)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the daemon was not healthy within {timeout.TotalSeconds:0} s:\n{Output}");
    }
}
