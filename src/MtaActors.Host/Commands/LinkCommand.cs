using System.CommandLine;

namespace MtaActors.Host.Commands;

/// <summary>
/// <c>mta link suspend|resume LINK</c>: hold a link's mail (the router routes around it) or let it flow again.
/// Suspension is journaled: a restarted daemon starts the link suspended.
/// </summary>
internal static class LinkCommand
{
    public static Command Create(CliConsole console)
        => new("link", "Suspend or resume a link")
        {
            Operation(console, "suspend", "Suspend a link: it holds its mail and transfers nothing until resumed"),
            Operation(console, "resume", "Resume a suspended link: it tries its queue at once"),
        };

    internal static Command Operation(CliConsole console, string verb, string description)
    {
        var link = new Argument<string>("LINK") { Description = "Link (or local-store)" };
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command(verb, description) { link, http, json };
        command.SetAction((parse, cancellationToken) => ApiCall.RunAsync(
            console,
            CliOptions.Daemon(parse, http),
            parse.GetValue(json),
            (client, ct) => verb == "suspend" ? client.SuspendLinkAsync(parse.GetRequiredValue(link), ct) : client.ResumeLinkAsync(parse.GetRequiredValue(link), ct),
            (queue, output) => output.WriteLine($"{ApiCall.Text(queue.Name)}: {ApiCall.Text(queue.State)} (length {ApiCall.Text(queue.Length)})"),
            cancellationToken));
        return command;
    }
}
