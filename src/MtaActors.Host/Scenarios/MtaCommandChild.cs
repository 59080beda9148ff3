using System.Diagnostics;

namespace MtaActors.Host.Scenarios;

/// <summary>
/// Runs one <c>mta</c> sub-command (export, replay) as a child process of this same executable, the way an operator
/// would, and returns its exit code and output. Bounded: a command that overruns is killed and reported as such.
/// </summary>
public static class MtaCommandChild
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(IEnumerable<string> arguments, TimeSpan bound, CancellationToken cancellationToken)
    {
        var info = DaemonChild.StartInfo();
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start mta");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).WaitAsync(bound, cancellationToken);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mta {string.Join(' ', info.ArgumentList.SkipWhile(a => a.EndsWith(".dll", StringComparison.Ordinal)).Take(1))} did not finish within {bound.TotalSeconds:0} s");
        }

        return (process.ExitCode, await output, await error);
    }
}
