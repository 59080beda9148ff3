namespace MtaActors.Host.Commands;

/// <summary>Where a command writes: results to <see cref="Out"/>, the one-line reason for a failure to <see cref="Error"/>.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error)
{
    /// <summary>Writes <c>mta: reason</c> on stderr and returns <paramref name="exitCode"/>, for <c>return console.Fail(...)</c>.</summary>
    public int Fail(string reason, int exitCode = ExitCodes.Failed)
    {
        Error.WriteLine($"mta: {reason.ReplaceLineEndings(" ").Trim()}");
        return exitCode;
    }
}
