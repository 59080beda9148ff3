using System.Diagnostics;

namespace MtaActors.Tests.Common.Postgres;

/// <summary>
/// Runs a PostgreSQL tool with a time limit. PostgreSQL refuses to run as root, so a privileged process (CI runs as
/// root) runs the tools as the <c>postgres</c> user through <c>runuser</c>; anyone else runs them directly.
/// </summary>
public static class PostgresCommand
{
    public const string ServiceUser = "postgres";

    /// <summary>True when the tools must be run as <see cref="ServiceUser"/> (effective uid 0).</summary>
    public static bool RunsAsServiceUser => Environment.IsPrivilegedProcess;

    /// <summary>Runs <paramref name="program"/> (as the service user when root) and returns its output; throws with the output on failure or timeout.</summary>
    public static Task<string> RunToolAsync(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
        => RunsAsServiceUser
            ? RunAsync("runuser", ["-u", ServiceUser, "--", program, .. arguments], workingDirectory, timeout, cancellationToken)
            : RunAsync(program, arguments, workingDirectory, timeout, cancellationToken);

    /// <summary>Runs a program to completion within <paramref name="timeout"/>; a non-zero exit or a timeout throws with what it printed.</summary>
    public static async Task<string> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var commandLine = string.Join(' ', info.ArgumentList.Prepend(program));
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {commandLine}");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            throw new TimeoutException($"{commandLine} did not finish within {timeout.TotalSeconds:0} s");
        }

        var output = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
        return process.ExitCode == 0
            ? output
            : throw new InvalidOperationException($"{commandLine} exited with {process.ExitCode}:\n{output}");
    }
}
