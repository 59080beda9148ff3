using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MtaActors.Host.Commands;

namespace MtaActors.Host.Tracking;

/// <summary>
/// <c>mta track ID [--data DIR] [--json]</c>: a message's life from the tracking log (accepted, routed, queued, transfer
/// attempts, delivered, non-delivered), with the reports made about it. Exit 1 when the log has nothing on that id.
/// Lines of the log that are not whole records are named on stderr (file, count, line numbers): one of them may have
/// been about this message.
/// </summary>
internal static class TrackCommand
{
    public static Command Create(CliConsole console)
    {
        var id = new Argument<string>("ID") { Description = "The message id" };
        var data = new Option<string>("--data") { Description = "The daemon's data folder (default ./data)", HelpName = "DIR" };
        var json = CliOptions.Json();
        var command = new Command("track", "Show a message's life from the tracking log") { id, data, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.Combine(parse.GetValue(data) ?? "data", TrackingLog.FolderName);
            if (!Directory.Exists(folder))
            {
                return console.Fail($"{folder}: no tracking log here (is --data right?)", ExitCodes.BadUsage);
            }

            var messageId = parse.GetRequiredValue(id);
            var search = await TrackingLogReader.FindAsync(folder, messageId, cancellationToken);
            foreach (var damaged in search.Unreadable)
            {
                // On stderr, so that stdout stays the report (and parses with --json).
                await console.Error.WriteLineAsync($"mta: warning: {damaged.Describe()}");
            }

            var entries = search.Entries;
            if (entries.IsEmpty)
            {
                return console.Fail($"no tracking entries for message {messageId}");
            }

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(
                    entries.Select(e => new { at = e.At, @event = e.Event, messageId = e.MessageId, queue = e.Queue, recipients = e.Recipients, detail = e.Detail })));
                return ExitCodes.Success;
            }

            var table = new PlainTable("TIME", "EVENT", "MESSAGE", "QUEUE", "RECIPIENTS", "DETAIL");
            foreach (var entry in entries)
            {
                table.Add(
                    entry.At.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture),
                    entry.Event,
                    entry.MessageId,
                    entry.Queue,
                    string.Join(",", entry.Recipients),
                    entry.Detail ?? "-");
            }

            table.WriteTo(console.Out);
            return ExitCodes.Success;
        });
        return command;
    }
}
