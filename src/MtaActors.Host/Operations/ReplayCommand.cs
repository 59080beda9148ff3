using System.CommandLine;
using System.Globalization;
using MtaActors.Host.Commands;

namespace MtaActors.Host.Operations;

/// <summary>
/// <c>mta replay FILE [--http URL] [--chunk-size N] [--rate N/s] [--quarantine PATH] [--force]</c>: submits a backlog
/// archive to a running daemon with <see cref="ReplayRunner"/>. A damaged archive is refused unless <c>--force</c>.
/// Exit 0 when every message was accepted, 1 when some were quarantined or the daemon stayed unavailable, 2 bad usage.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var file = new Argument<string>("FILE") { Description = "The backlog archive (from mta export)" };
        var http = CliOptions.DaemonUrl();
        var chunkSize = CliOptions.WholeNumber("--chunk-size", $"Messages per request (default {ReplayOptions.DefaultChunkSize})", 1, Api.SubmissionParser.MaxBatchSize);
        var rate = new Option<double?>("--rate")
        {
            Description = "At most this many messages per second, e.g. 200 or 200/s (default: no limit)",
            HelpName = "N/s",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                var number = text.EndsWith("/s", StringComparison.OrdinalIgnoreCase) ? text[..^2] : text;
                if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value))
                {
                    return value;
                }

                result.AddError($"--rate: expected messages per second above 0, such as 200/s (got '{text}')");
                return null;
            },
        };
        var quarantinePath = new Option<string>("--quarantine") { Description = "Where refused messages go (default FILE.quarantine)", HelpName = "PATH" };
        var force = new Option<bool>("--force") { Description = "Replay a damaged archive anyway (unreadable lines go to quarantine)" };
        var json = CliOptions.Json();
        var command = new Command("replay", "Replay a backlog archive into a running daemon, in chunks, isolating bad messages by bisection")
        {
            file, http, chunkSize, rate, quarantinePath, force, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(file);
            if (!File.Exists(path))
            {
                return console.Fail($"{path}: archive not found", ExitCodes.BadUsage);
            }

            ArchiveContent content;
            try
            {
                content = await BacklogArchive.ReadAsync(path, parse.GetValue(force), cancellationToken);
            }
            catch (ArchiveDamage e)
            {
                return console.Fail(e.Message);
            }

            var options = new ReplayOptions
            {
                ChunkSize = (int)(parse.GetValue(chunkSize) ?? ReplayOptions.DefaultChunkSize),
                Rate = parse.GetValue(rate),
            };
            await using var quarantine = new QuarantineFile(parse.GetValue(quarantinePath) ?? path + ".quarantine");
            foreach (var (line, text, error) in content.Unreadable)
            {
                await quarantine.AddUnreadableAsync(line, text, error, cancellationToken);
            }

            using var submitter = new HttpBatchSubmitter(CliOptions.Daemon(parse, http));
            var result = await new ReplayRunner(submitter, quarantine, options, time).RunAsync(content.Messages, cancellationToken);
            var quarantined = result.Quarantined + content.Unreadable.Length;
            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(
                    $$"""{"total":{{result.Total + content.Unreadable.Length}},"accepted":{{result.Accepted}},"quarantined":{{quarantined}},"requests":{{result.Requests}},"splits":{{result.Splits}},"notTried":{{result.NotTried}},"quarantineFile":{{(quarantined > 0 ? System.Text.Json.JsonSerializer.Serialize(quarantine.Path) : "null")}}}""");
            }
            else
            {
                await console.Out.WriteLineAsync(
                    $"Replayed {result.Accepted} of {result.Total + content.Unreadable.Length} messages in {result.Requests} requests ({result.Splits} rejected chunks split)"
                    + (quarantined > 0 ? $"; {quarantined} quarantined in {quarantine.Path}" : ""));
            }

            if (result.StoppedBecause is { } reason)
            {
                return console.Fail($"replay stopped with {result.NotTried} messages not tried: {reason}; running it again is safe (ids are kept)");
            }

            return quarantined > 0 ? ExitCodes.Failed : ExitCodes.Success;
        });
        return command;
    }
}
