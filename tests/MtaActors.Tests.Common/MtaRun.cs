using System.Diagnostics;

namespace MtaActors.Tests.Common;

/// <summary>
/// One run of the real <c>mta</c> executable (the built <c>mta.dll</c>) to its end, from the repository root, with
/// stdout and stderr kept apart: for the contracts a process boundary shows (exit codes, one line on stderr, a clean
/// stdout). The wait is bounded; a run that does not end in time is killed and reported.
/// </summary>
public sealed record MtaRun(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static async Task<MtaRun> RunAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add(DaemonProcess.MtaDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start mta");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mta {string.Join(' ', arguments)} did not end within {timeout.TotalSeconds:0} s:\n{await output}\n{await error}");
        }

        return new MtaRun(process.ExitCode, await output, await error);
    }
}
