using System.Diagnostics;
using System.Text;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Daemon;

/// <summary>
/// The real <c>mta</c> executable as a child process with a chosen environment, for what only a process shows: its exit
/// code and its stderr lines. Every wait is bounded, and a child still running at the end is killed.
/// </summary>
internal sealed class MtaExecutable : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();

    private MtaExecutable(Process process) => this.process = process;

    public string[] ErrorLines
    {
        get
        {
            lock (error)
            {
                return error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            }
        }
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public static MtaExecutable Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = MtaRun.StartInfo(arguments);
        info.Environment.Remove("MTA_ADMIN_TOKEN");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var child = new MtaExecutable(Process.Start(info) ?? throw new InvalidOperationException("could not start mta"));
        child.process.OutputDataReceived += (_, e) => Append(child.output, e.Data);
        child.process.ErrorDataReceived += (_, e) => Append(child.error, e.Data);
        child.process.BeginOutputReadLine();
        child.process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs to its exit, bounded: a child still running then is killed and the wait throws.</summary>
    public static async Task<MtaExecutable> RunAsync(IEnumerable<string> arguments, TimeSpan bound, IReadOnlyDictionary<string, string>? environment = null)
    {
        var child = Start(arguments, environment);
        try
        {
            await child.process.WaitForExitAsync().WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            // Still running (a daemon that should have refused to start): never leave it behind.
            await child.DisposeAsync();
            throw;
        }

        child.process.WaitForExit();
        return child;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }

        process.Dispose();
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }
}
