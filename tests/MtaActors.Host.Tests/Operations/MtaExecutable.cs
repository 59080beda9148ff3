using System.Diagnostics;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Operations;

/// <summary>
/// One run of the real <c>mta</c> executable (<c>dotnet mta.dll ...</c> from the repository root) with stdout and
/// stderr kept apart, killed if it outlives its bound (then <see cref="TimedOut"/>): what a script sees, including what Akka or
/// Serilog would write to the process's own console.
/// </summary>
internal sealed record MtaExecutable(int? ExitCode, string Out, string Error)
{
    public bool TimedOut => ExitCode is null;

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static async Task<MtaExecutable> RunAsync(TimeSpan bound, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add(DaemonProcess.MtaDll);
        foreach (var argument in args)
        {
            info.ArgumentList.Add(argument);
        }

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
            return new MtaExecutable(null, await output, await error);
        }

        return new MtaExecutable(process.ExitCode, await output, await error);
    }
}
