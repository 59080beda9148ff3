using System.CommandLine;
using MtaActors.Core.Messages;
using MtaActors.Host.Api;

namespace MtaActors.Host.Commands;

/// <summary>
/// <c>mta send</c>: submits a message (or <c>--count</c> copies of it as one batch) through the admin API and
/// prints the ids once the daemon has durably accepted them.
/// </summary>
internal static class SendCommand
{
    public static Command Create(CliConsole console)
    {
        var from = new Option<string>("--from") { Description = "Originator address (SMTP, X.400 or Exchange DN)", HelpName = "ADDRESS", Required = true };
        var to = new Option<string[]>("--to") { Description = "Recipient address; repeat for more", HelpName = "ADDRESS", Required = true, Arity = ArgumentArity.OneOrMore };
        var subject = new Option<string>("--subject") { Description = "Subject line", HelpName = "TEXT" };
        var body = new Option<string>("--body") { Description = "Message body", HelpName = "TEXT" };
        var priority = CliOptions.Choice<Priority>(
            "--priority",
            $"Priority: {WireNames.PriorityChoices} (default normal)",
            "PRIORITY",
            (string text, out Priority value, out string? error) => Choose(WireNames.TryParsePriority(text, out value), WireNames.PriorityChoices, out error));
        var messageClass = CliOptions.Choice<MessageClass>(
            "--class",
            $"Message class: {WireNames.ClassChoices} (default ipm)",
            "CLASS",
            (string text, out MessageClass value, out string? error) => Choose(WireNames.TryParseClass(text, out value), WireNames.ClassChoices, out error));
        var size = CliOptions.WholeNumber("--size", "Declared size in bytes (at least the size of subject and body)");
        var count = CliOptions.WholeNumber("--count", $"Submit this many copies as one batch (1-{SubmissionParser.MaxBatchSize}, default 1)", 1, SubmissionParser.MaxBatchSize);
        var id = new Option<string>("--id") { Description = "Client-chosen message id, making a resubmission idempotent", HelpName = "ID" };
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("send", "Submit a message and print its id once it is durably accepted")
        {
            from, to, subject, body, priority, messageClass, size, count, id, http, json,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(id) is not null && result.GetValue(count) is > 1)
            {
                result.AddError("--id: cannot be combined with --count above 1 (ids must be unique)");
            }
        });

        command.SetAction((parse, cancellationToken) =>
        {
            var copies = (int)(parse.GetValue(count) ?? 1);
            var message = new SubmissionContract
            {
                From = parse.GetRequiredValue(from),
                To = parse.GetRequiredValue(to),
                Subject = parse.GetValue(subject),
                Body = parse.GetValue(body),
                Priority = parse.GetValue(priority) is { } p ? WireNames.Of(p) : null,
                Class = parse.GetValue(messageClass) is { } c ? WireNames.Of(c) : null,
                SizeBytes = parse.GetValue(size),
                Id = parse.GetValue(id),
            };
            var daemon = CliOptions.Daemon(parse, http);
            return copies == 1
                ? ApiCall.RunAsync(console, daemon, parse.GetValue(json), (client, ct) => client.SubmitAsync(message, ct), (reply, output) => output.WriteLine(reply.Id), cancellationToken)
                : ApiCall.RunAsync(console, daemon, parse.GetValue(json), (client, ct) => client.SubmitBatchAsync([.. Enumerable.Repeat(message, copies)], ct), Render, cancellationToken);
        });
        return command;
    }

    internal static void Render(BatchSubmittedReply reply, TextWriter output)
    {
        foreach (var id in reply.Ids)
        {
            output.WriteLine(id);
        }
    }

    private static bool Choose(bool parsed, string choices, out string? error)
    {
        error = parsed ? null : $"expected {choices}";
        return parsed;
    }
}
