using System.CommandLine;
using MtaActors.Core.Messages;
using MtaActors.Host.Api;
using MtaActors.Host.Client;

namespace MtaActors.Host.Commands;

/// <summary>
/// <c>mta queue list NAME</c>: the messages on one queue (the work queue, the local store or a link), filtered by
/// sender, recipient, age on the queue and class, a page at a time; <c>mta queue suspend|resume NAME</c> are the link
/// operations under the queue's name; <c>mta queue retry NAME</c> tries a queue now (a non-secured link hands its waiting
/// messages back to the router to be routed again).
/// </summary>
internal static class QueueCommand
{
    public static Command Create(CliConsole console)
        => new("queue", "Look into one queue, retry it now, or suspend and resume it")
        {
            List(console),
            Retry(console),
            LinkCommand.Operation(console, "suspend", "Suspend a queue's link: it holds its mail and transfers nothing until resumed"),
            LinkCommand.Operation(console, "resume", "Resume a suspended queue's link: it tries its queue at once"),
        };

    private static Command List(CliConsole console)
    {
        var queue = new Argument<string>("NAME") { Description = "work-queue, poison, local-store or a link" };
        var sender = new Option<string>("--sender") { Description = "Only messages whose originator contains this (e.g. @contoso.com)", HelpName = "TEXT" };
        var recipient = new Option<string>("--recipient") { Description = "Only messages with a recipient on this queue that contains this", HelpName = "TEXT" };
        var minAge = CliOptions.WholeNumber("--min-age", "Only messages on the queue for at least this many seconds");
        var messageClass = CliOptions.Choice<MessageClass>("--class", $"Only messages of this class: {WireNames.ClassChoices}", "CLASS", TryParseClass);
        var offset = CliOptions.WholeNumber("--offset", "Skip this many matching messages (default 0)", 0, int.MaxValue);
        var limit = CliOptions.WholeNumber("--limit", $"At most this many messages (default {QueueEndpoints.DefaultLimit})", 1, Engine.Queues.ListQueue.MaxLimit);
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("list", "List the messages on a queue, oldest first") { queue, sender, recipient, minAge, messageClass, offset, limit, http, json };
        command.SetAction((parse, cancellationToken) =>
        {
            var name = parse.GetRequiredValue(queue);
            var query = new QueueListingQuery
            {
                Sender = parse.GetValue(sender),
                Recipient = parse.GetValue(recipient),
                MinAgeSeconds = parse.GetValue(minAge),
                Class = parse.GetValue(messageClass) is { } c ? WireNames.Of(c) : null,
                Offset = parse.GetValue(offset),
                Limit = parse.GetValue(limit),
            };
            return ApiCall.RunAsync(console, CliOptions.Daemon(parse, http), parse.GetValue(json), (client, ct) => client.QueueMessagesAsync(name, query, ct), Render, cancellationToken);
        });
        return command;
    }

    private static Command Retry(CliConsole console)
    {
        var queue = new Argument<string>("NAME") { Description = "work-queue, local-store or a link" };
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("retry", "Try a queue now; a non-secured link also hands its waiting messages back to be routed again") { queue, http, json };
        command.SetAction((parse, cancellationToken) => ApiCall.RunAsync(
            console,
            CliOptions.Daemon(parse, http),
            parse.GetValue(json),
            (client, ct) => client.RetryQueueAsync(parse.GetRequiredValue(queue), ct),
            (retried, output) => output.WriteLine($"{ApiCall.Text(retried.Queue)}: {ApiCall.Text(retried.State)}, {ApiCall.Text(retried.Detail)}"),
            cancellationToken));
        return command;
    }

    internal static void Render(QueueListingReply listing, TextWriter output)
    {
        var table = new PlainTable("ID", "FROM", "RECIPIENTS", "PRIORITY", "CLASS", "STATE", "ATTEMPTS", "AGE", "DETAIL");
        foreach (var message in listing.Messages)
        {
            table.Add(
                ApiCall.Text(message.Id),
                ApiCall.Text(message.From),
                string.Join(",", message.Recipients),
                ApiCall.Text(message.Priority),
                ApiCall.Text(message.Class),
                ApiCall.Text(message.State),
                ApiCall.Text(message.Attempts),
                QueuesCommand.FormatAge(message.AgeSeconds),
                ApiCall.Text(message.Detail));
        }

        table.WriteTo(output);
        var shown = listing.Messages.Count;
        output.WriteLine(shown == 0
            ? $"{ApiCall.Text(listing.Queue)}: no matching messages ({listing.Total} in all)"
            : $"{ApiCall.Text(listing.Queue)}: {listing.Offset + 1}-{listing.Offset + shown} of {listing.Total} matching");
    }

    private static bool TryParseClass(string text, out MessageClass value, out string? error)
    {
        error = WireNames.TryParseClass(text, out value) ? null : $"expected {WireNames.ClassChoices} (got '{text}')";
        return error is null;
    }
}
