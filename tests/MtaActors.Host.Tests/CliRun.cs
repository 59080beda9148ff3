using MtaActors.Host.Commands;

namespace MtaActors.Host.Tests;

/// <summary>One in-process run of the <c>mta</c> command line, with what it wrote.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static async Task<CliRun> InvokeAsync(params string[] args)
        => await InvokeAsync(args, CancellationToken.None);

    public static async Task<CliRun> InvokeAsync(string[] args, CancellationToken cancellationToken)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Cli.InvokeAsync(args, output, error, cancellationToken);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
