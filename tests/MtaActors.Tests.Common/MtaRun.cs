using System.Diagnostics;

namespace MtaActors.Tests.Common;

/// <summary>
/// One run of the real <c>mta</c> executable (the built <c>mta.dll</c>) to its end, from the repository root, with
/// stdout and stderr kept apart: for the contracts a process boundary shows (exit codes, one line on stderr, a clean
/// stdout, what Akka or Serilog would write to the console). The wait is bounded; a run that outlives it is killed and
/// reported with <see cref="TimedOut"/> (no exit code).
/// </summary>
public sealed record MtaRun(int? ExitCode, string Out, string Error)
{
    public bool TimedOut => ExitCode is null;

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static Task<MtaRun> RunAsync(TimeSpan bound, params string[] arguments) => RunAsync(arguments, bound);

    /// <summary><c>dotnet mta.dll ARGUMENTS</c> from the repository root, stdout and stderr redirected.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
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

        return info;
    }

    public static async Task<MtaRun> RunAsync(IEnumerable<string> arguments, TimeSpan bound)
    {
        var info = StartInfo(arguments);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start mta");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(bound);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            return new MtaRun(null, await output, await error);
        }

        return new MtaRun(process.ExitCode, await output, await error);
    }
}
