using System.CommandLine;
using MtaActors.Host.Api;

namespace MtaActors.Host.Commands;

/// <summary>
/// <c>mta message hold|release|requeue|remove ID</c>: operations on one message wherever it waits (Postfix
/// <c>postsuper -h/-H/-r/-d</c>, Exchange Queue Viewer). <c>remove --ndr</c> sends the originator a non-delivery report.
/// Exit 0 when a queue did it; 1 when no queue holds the message or every queue that does refused (the line says why).
/// </summary>
internal static class MessageCommand
{
    public static Command Create(CliConsole console)
        => new("message", "Hold, release, requeue or remove one message, wherever it waits")
        {
            Operation(console, "hold", "Hold a message on its queue: it is not transferred until released"),
            Operation(console, "release", "Release a held message; on the poison queue, hand it back to the router"),
            Operation(console, "requeue", "Hand a message back to the router to be routed again (not on secured queues)"),
            Remove(console),
        };

    private static Command Operation(CliConsole console, string verb, string description)
    {
        var id = new Argument<string>("ID") { Description = "The message id" };
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command(verb, description) { id, http, json };
        command.SetAction((parse, cancellationToken) => ApiCall.RunAsync(
            console,
            CliOptions.Daemon(parse, http),
            parse.GetValue(json),
            (client, ct) => client.OperateOnMessageAsync(parse.GetRequiredValue(id), verb, ct),
            Render,
            cancellationToken));
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The message id" };
        var ndr = new Option<bool>("--ndr") { Description = "Send the originator a non-delivery report (default: remove silently)" };
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("remove", "Remove a message from every queue that holds it, with or without a non-delivery report") { id, ndr, http, json };
        command.SetAction((parse, cancellationToken) =>
        {
            var message = parse.GetRequiredValue(id);
            var report = parse.GetValue(ndr);
            return ApiCall.RunAsync(console, CliOptions.Daemon(parse, http), parse.GetValue(json), (client, ct) => client.RemoveMessageAsync(message, report, ct), Render, cancellationToken);
        });
        return command;
    }

    internal static void Render(MessageOperationReply reply, TextWriter output)
    {
        foreach (var queue in reply.Queues)
        {
            output.WriteLine($"{ApiCall.Text(reply.Id)} on {ApiCall.Text(queue.Queue)}: {ApiCall.Text(queue.Outcome)} ({ApiCall.Text(queue.Detail)})");
        }
    }
}
