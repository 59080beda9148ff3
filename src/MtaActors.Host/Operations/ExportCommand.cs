using System.CommandLine;
using MtaActors.Engine.Inspection;
using MtaActors.Host.Api;
using MtaActors.Host.Commands;

namespace MtaActors.Host.Operations;

/// <summary>
/// <c>mta export (--queue Q | --all) --out FILE</c>: writes the unfinished messages of a stopped daemon's journal, with
/// their pending recipients, queues and states, to a versioned, checksummed backlog archive (see <see cref="BacklogArchive"/>),
/// newest first. Reads only: the journal is left as it was.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var journal = new JournalOptions();
        var queue = new Option<string>("--queue") { Description = "Export only the messages waiting on this queue (work-queue, poison or a link name)", HelpName = "Q" };
        var all = new Option<bool>("--all") { Description = "Export every unfinished message" };
        var output = new Option<string>("--out") { Description = "The archive to write", HelpName = "FILE", Required = true };
        var json = CliOptions.Json();
        var command = new Command("export", "Export a stopped daemon's backlog to a portable, checksummed archive (offline)") { queue, all, output, json };
        journal.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var only = parse.GetValue(queue);
            if ((only is null) == !parse.GetValue(all))
            {
                return console.Fail("export: give either --queue Q or --all", ExitCodes.BadUsage);
            }

            if (!journal.TryResolve(parse, out var location, out var error))
            {
                return console.Fail(error!, ExitCodes.BadUsage);
            }

            var file = parse.GetRequiredValue(output);
            if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder && !Directory.Exists(folder))
            {
                return console.Fail($"--out: folder {folder} does not exist", ExitCodes.BadUsage);
            }

            if (await location.ProbeAsync(writes: false, cancellationToken) is { } damage)
            {
                return console.Fail(damage.OneLine);
            }

            await using var reader = await JournalReader.OpenAsync(location.Journal, location.ConnectionString, cancellationToken, "mta-export");
            var image = await JournalImage.ReadAsync(reader, only is null ? [] : [only], cancellationToken);
            var unreadable = image.Entities.Values.Where(e => e.ReadError is not null).ToList();
            if (unreadable.Count > 0)
            {
                // An export that silently skipped a queue would look complete; run mta check to see what is wrong.
                return console.Fail($"{unreadable[0].PersistenceId}: {unreadable[0].ReadError}; run mta check");
            }

            var backlog = BacklogBuilder.Build(image, only, time.GetUtcNow());
            var archived = backlog.Select(ToArchived).ToList();
            var header = await BacklogArchive.WriteAsync(file, archived, time.GetUtcNow(), only ?? "all", cancellationToken);
            var recipients = archived.Sum(m => m.To.Length);
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(
                    $$"""{"file":{{System.Text.Json.JsonSerializer.Serialize(Path.GetFullPath(file))}},"messages":{{header.Count}},"recipients":{{recipients}},"sha256":"{{header.Sha256}}"}""");
            }
            else
            {
                await console.Out.WriteLineAsync($"Exported {header.Count} messages ({recipients} recipients) from {only ?? "every queue"} to {file} (sha256 {header.Sha256[..16]}...)");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    internal static ArchivedMessage ToArchived(BacklogMessage backlog)
    {
        var message = backlog.Message;
        return new ArchivedMessage
        {
            Id = message.Id,
            From = message.Originator.Value,
            To = [.. backlog.Recipients.Select(r => r.Value)],
            Priority = WireNames.Of(message.Priority),
            Class = WireNames.Of(message.Class),
            Subject = message.Subject,
            Body = message.Body,
            SizeBytes = message.SizeBytes,
            SubmittedAt = message.SubmittedAt,
            DeferredUntil = message.DeferredUntil,
            ExpiresAt = message.ExpiresAt,
            Queues = [.. backlog.Placements.Select(p => new ArchivedPlacement(p.Queue, p.State, p.FailedAttempts, [.. p.Recipients.Select(r => r.Value)]))],
        };
    }
}
