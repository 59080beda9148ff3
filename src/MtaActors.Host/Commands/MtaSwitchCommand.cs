using System.Collections.Immutable;
using System.CommandLine;
using MtaActors.Engine.Gateway;

namespace MtaActors.Host.Commands;

/// <summary>
/// <c>mta disable [--reason TEXT]</c> and <c>mta enable</c>: switch the whole MTA off and on (every outbound link
/// suspended; the local store keeps delivering). Journaled by the daemon, so a restart keeps it disabled.
/// </summary>
internal static class MtaSwitchCommand
{
    public static Command Disable(CliConsole console)
    {
        var reason = new Option<string>("--reason") { Description = "Why (shown on every held link)", HelpName = "TEXT" };
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("disable", "Disable the MTA: every outbound link holds its mail until mta enable (survives a restart)") { reason, http, json };
        command.SetAction((parse, cancellationToken) =>
        {
            var text = parse.GetValue(reason);
            if (text is not null && string.IsNullOrWhiteSpace(text))
            {
                return Task.FromResult(console.Fail("--reason: expected some text", ExitCodes.BadUsage));
            }

            return ApiCall.RunAsync(console, CliOptions.Daemon(parse, http), parse.GetValue(json), (client, ct) => client.DisableAsync(text, ct), Render, cancellationToken);
        });
        return command;
    }

    public static Command Enable(CliConsole console)
    {
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("enable", "Enable the MTA again: links not suspended on their own resume at once") { http, json };
        command.SetAction((parse, cancellationToken)
            => ApiCall.RunAsync(console, CliOptions.Daemon(parse, http), parse.GetValue(json), (client, ct) => client.EnableAsync(ct), Render, cancellationToken));
        return command;
    }

    private static void Render(MtaAdministrationStatus status, TextWriter output)
    {
        ImmutableArray<string> held = status.HeldLinks.IsDefault ? [] : status.HeldLinks;
        output.WriteLine(status.Disabled
            ? $"MTA disabled ({ApiCall.Text(status.Reason)}); {held.Length} links holding their mail"
            : $"MTA enabled; {(held.IsEmpty ? "no link suspended" : $"still suspended on their own: {string.Join(", ", held)}")}");
    }
}
