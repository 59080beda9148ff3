using System.CommandLine;
using System.CommandLine.Parsing;

namespace MtaActors.Host.Commands;

/// <summary>
/// The <c>mta</c> command line. Parse errors become one line on stderr and exit 2 (no help dump: the line
/// says what was wrong); <c>mta COMMAND --help</c> shows the usage. Writers are parameters so tests can run
/// any command in-process.
/// </summary>
public static class Cli
{
    private const string UnrecognizedPrefix = "Unrecognized command or argument '";

    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var console = new CliConsole(output, error);
        var root = BuildRoot(console);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            // A mistyped word explains the rest ("required command not provided" follows from it), so it goes first.
            var first = parse.Errors.FirstOrDefault(e => e.Message.StartsWith(UnrecognizedPrefix, StringComparison.Ordinal)) ?? parse.Errors[0];
            return console.Fail(Describe(first, root), ExitCodes.BadUsage);
        }

        try
        {
            return await parse.InvokeAsync(
                new InvocationConfiguration
                {
                    Output = output,
                    Error = error,
                    EnableDefaultExceptionHandler = false,
                    // The daemon's host handles Ctrl-C/SIGTERM itself (graceful, bounded); client commands are bounded anyway.
                    ProcessTerminationTimeout = null,
                },
                cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return console.Fail("cancelled");
        }
        catch (Exception e)
        {
            return console.Fail($"unexpected error: {e.GetType().Name}: {e.Message}" + (Environment.GetEnvironmentVariable("MTA_TRACE") == "1" ? "\n" + e : ""));
        }
    }

    internal static RootCommand BuildRoot(CliConsole console) => new("mta: the MtaActors message transfer agent: routing daemon and admin commands")
    {
        CliOptions.AdminToken(),
        RunCommand.Create(console),
        SendCommand.Create(console),
        QueuesCommand.Create(console),
        QueueCommand.Create(console),
        MessageCommand.Create(console),
        StatsCommand.Create(console),
        SitesCommand.Create(console),
        FaultCommand.Create(console),
        Bench.BenchCommand.Create(console),
        FlushCommand.Create(console),
        LinkCommand.Create(console),
        MtaSwitchCommand.Disable(console),
        MtaSwitchCommand.Enable(console),
        Scenarios.ScenarioCommand.Create(console),
        Operations.CheckCommand.Create(console),
        Operations.ExportCommand.Create(console, TimeProvider.System),
        Operations.ReplayCommand.Create(console, TimeProvider.System),
        Operations.PurgeCommand.Create(console),
        Tracking.TrackCommand.Create(console),
    };

    /// <summary>System.CommandLine's message, reworded where it speaks of "command or argument" for what users typed as options.</summary>
    private static string Describe(ParseError error, RootCommand root)
    {
        var message = error.Message.TrimEnd('.');
        if (message.StartsWith(UnrecognizedPrefix, StringComparison.Ordinal))
        {
            var token = message[UnrecognizedPrefix.Length..].TrimEnd('\'');
            return token.StartsWith('-') ? $"unrecognized option '{token}'" : $"unrecognized command or argument '{token}'";
        }

        if (message == "Required command was not provided")
        {
            return $"a command is required ({string.Join(", ", root.Subcommands.Select(c => c.Name))}); see mta --help";
        }

        return message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : "bad usage";
    }
}
