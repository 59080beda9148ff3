using System.CommandLine;
using System.Text.Json;
using MtaActors.Core.Topology;
using MtaActors.Engine.Hosting;
using MtaActors.Engine.Inspection;
using MtaActors.Engine.Persistence;
using MtaActors.Engine.SuperQueue;
using MtaActors.Host.Commands;

namespace MtaActors.Host.Operations;

/// <summary>
/// <c>mta check</c>: the integrity check of a stopped daemon's journal (<c>mtacheck /v</c> of Q282780). Prints a line per
/// queue, every finding with its queue or message id, and a verdict; exit 0 clean, 1 problems, 2 bad usage. With
/// <c>--repair</c> it registers the queues the registry lost (through the real super queue actor), says so, and checks again.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var journal = new JournalOptions();
        var topology = new Option<string>("--config") { Description = "Topology file to check queues against (optional)", HelpName = "FILE" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every message object and where it is" };
        var repair = new Option<bool>("--repair") { Description = "Fix what can be fixed without loss (re-register lost queues) and say what was done" };
        var json = CliOptions.Json();
        var command = new Command("check", "Check a stopped daemon's journal: super queue, every queue and message (offline)") { topology, verbose, repair, json };
        journal.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!journal.TryResolve(parse, out var location, out var error))
            {
                return console.Fail(error!, ExitCodes.BadUsage);
            }

            Topology? loaded = null;
            if (parse.GetValue(topology) is { } topologyFile)
            {
                try
                {
                    loaded = TopologyLoader.Load(topologyFile);
                }
                catch (TopologyException e)
                {
                    return console.Fail(e.Message, ExitCodes.BadUsage);
                }
            }

            return await RunAsync(console, location, loaded, parse.GetValue(verbose), parse.GetValue(repair), parse.GetValue(json), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, JournalLocation location, Topology? topology, bool verbose, bool repair, bool json, CancellationToken cancellationToken)
    {
        // SQLite's own integrity check first: a damaged file is one named finding in seconds, not journal timeouts.
        if (location.Journal == JournalKind.Sqlite
            && await SqliteJournalProbe.ProbeAsync(location.ConnectionString, SqliteJournalProbe.Depth.Full, requireWritable: repair, SqliteJournalProbe.DefaultTimeout, cancellationToken) is { } damage)
        {
            var refused = new CheckReport([], [], [new CheckFinding(FindingSeverity.Problem, damage.Code, damage.File, $"{damage.Problem}; no queue was read")]);
            if (json)
            {
                await console.Out.WriteLineAsync(ToJson(refused, [], verbose, damage.Details));
            }
            else
            {
                WriteText(console.Out, refused, [], verbose, repair, damage.Details);
            }

            return ExitCodes.Failed;
        }

        var expected = topology?.Links.Where(l => l.Secured).Select(l => l.Name) ?? [];
        await using var reader = await JournalReader.OpenAsync(location.Journal, location.ConnectionString, cancellationToken);
        var image = await JournalImage.ReadAsync(reader, expected, cancellationToken);
        var report = JournalChecker.Check(image, topology);
        var repairs = new List<string>();
        if (repair)
        {
            var missing = report.Findings
                .Where(f => f.Repair is not null)
                .Select(f => f.Repair!)
                .DistinctBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
            if (missing.Count > 0)
            {
                var registered = await QueueRegistryRepair.RegisterAsync(reader.System, missing, cancellationToken);
                repairs.AddRange(registered.Select(Describe));
                image = await JournalImage.ReadAsync(reader, expected, cancellationToken);
                report = JournalChecker.Check(image, topology);
            }
        }

        if (json)
        {
            await console.Out.WriteLineAsync(ToJson(report, repairs, verbose));
        }
        else
        {
            WriteText(console.Out, report, repairs, verbose, repair);
        }

        return report.IsClean ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static string Describe(QueueEntry entry)
        => $"registered queue {entry.Name} as {entry.Id} ({entry.Kind}, secured): its journaled mail is opened again at the next start";

    private static void WriteText(TextWriter output, CheckReport report, IReadOnlyList<string> repairs, bool verbose, bool repairAsked, IReadOnlyList<string>? sqliteReport = null)
    {
        if (verbose)
        {
            foreach (var line in sqliteReport ?? [])
            {
                output.WriteLine($"SQLite: {line}");
            }
        }

        foreach (var queue in report.Queues)
        {
            var parts = new[] { queue.Messages is { } count && queue.Kind != "registry" ? $"{count} messages" : "", queue.Note }.Where(p => p.Length > 0);
            var secured = queue.Secured && queue.Kind is not ("registry" or "work-queue") ? ", secured" : "";
            output.WriteLine($"Checking queue {queue.Name} (id {queue.Id}, {queue.Kind}{secured}): {string.Join("; ", parts)} - {queue.Status.ToUpperInvariant()}");
        }

        if (verbose)
        {
            output.WriteLine("Starting object integrity checks");
            foreach (var item in report.Objects)
            {
                output.WriteLine($"Checking object {item.MessageId} - {(item.Ok ? "OK" : "PROBLEM")}, on queue {item.Queue} ({item.Recipients} recipients)");
            }
        }

        foreach (var finding in report.Findings)
        {
            output.WriteLine($"{(finding.Severity == FindingSeverity.Problem ? "PROBLEM" : "WARNING")} {finding.Code} {finding.Subject}: {finding.Detail}");
        }

        foreach (var done in repairs)
        {
            output.WriteLine($"REPAIRED {done}");
        }

        if (report.IsClean)
        {
            output.WriteLine(report.Warnings == 0 ? "Database clean, no errors detected." : $"Database clean, {report.Warnings} warnings.");
        }
        else
        {
            var repairable = report.Findings.Count(f => f.Repair is not null);
            var hint = !repairAsked && repairable > 0 ? $" ({repairable} can be repaired with --repair)" : "";
            output.WriteLine($"{report.Problems} problems found{hint}.");
        }
    }

    private static string ToJson(CheckReport report, IReadOnlyList<string> repairs, bool verbose, IReadOnlyList<string>? sqliteReport = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("verdict", report.IsClean ? "clean" : "problems");
            writer.WriteNumber("problems", report.Problems);
            writer.WriteNumber("warnings", report.Warnings);
            writer.WriteStartArray("queues");
            foreach (var queue in report.Queues)
            {
                writer.WriteStartObject();
                writer.WriteString("id", queue.Id);
                writer.WriteString("name", queue.Name);
                writer.WriteString("kind", queue.Kind);
                writer.WriteBoolean("secured", queue.Secured);
                if (queue.Messages is { } count)
                {
                    writer.WriteNumber("messages", count);
                }
                else
                {
                    writer.WriteNull("messages");
                }

                writer.WriteString("status", queue.Status);
                writer.WriteString("note", queue.Note);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("findings");
            foreach (var finding in report.Findings)
            {
                writer.WriteStartObject();
                writer.WriteString("severity", finding.Severity == FindingSeverity.Problem ? "problem" : "warning");
                writer.WriteString("code", finding.Code);
                writer.WriteString("subject", finding.Subject);
                writer.WriteString("detail", finding.Detail);
                writer.WriteBoolean("repairable", finding.Repair is not null);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("repairs");
            foreach (var done in repairs)
            {
                writer.WriteStringValue(done);
            }

            writer.WriteEndArray();
            if (verbose && sqliteReport is { Count: > 0 })
            {
                writer.WriteStartArray("sqlite");
                foreach (var line in sqliteReport)
                {
                    writer.WriteStringValue(line);
                }

                writer.WriteEndArray();
            }

            if (verbose)
            {
                writer.WriteStartArray("objects");
                foreach (var item in report.Objects)
                {
                    writer.WriteStartObject();
                    writer.WriteString("messageId", item.MessageId);
                    writer.WriteString("queue", item.Queue);
                    writer.WriteNumber("recipients", item.Recipients);
                    writer.WriteBoolean("ok", item.Ok);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
