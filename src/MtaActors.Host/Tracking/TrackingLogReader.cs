using System.Collections.Immutable;
using System.Text;
using System.Text.Json;

namespace MtaActors.Host.Tracking;

/// <summary>
/// Reads the tracking log files of a data folder (oldest file first) for one message id, and for the reports made
/// about it. Opens files for shared reading, so it works while the daemon writes. A line that is not a whole tracking
/// record (torn by a crash, or damaged) cannot say which message it was about, so every such line of every file is
/// counted and named in the result rather than skipped in silence.
/// </summary>
internal static class TrackingLogReader
{
    public static async Task<TrackingLogSearch> FindAsync(string folder, string messageId, CancellationToken cancellationToken)
    {
        var found = ImmutableArray.CreateBuilder<TrackingEntry>();
        var damaged = ImmutableArray.CreateBuilder<UnreadableLines>();
        var reports = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "tracking-*.jsonl").Order(StringComparer.Ordinal))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var unreadable = new List<long>();
            long number = 0;
            var lastUnreadable = false;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                number++;
                var relevant = line.Contains(messageId, StringComparison.Ordinal) || reports.Any(r => line.Contains(r, StringComparison.Ordinal));
                var entry = relevant ? Parse(line) : null;
                lastUnreadable = relevant ? entry is null : !IsWholeJsonObject(line);
                if (lastUnreadable)
                {
                    unreadable.Add(number);
                }

                if (entry is null)
                {
                    continue;
                }

                if (entry.MessageId == messageId || reports.Contains(entry.MessageId))
                {
                    found.Add(entry);
                }
                else if (entry.Event == "accepted" && entry.Detail == $"report on {messageId}")
                {
                    reports.Add(entry.MessageId);
                    found.Add(entry);
                }
            }

            // A last line without its newline may still be being written (the log is buffered): not damage, yet.
            var unfinished = lastUnreadable && !EndsWithNewline(stream);
            if (unfinished)
            {
                unreadable.RemoveAt(unreadable.Count - 1);
            }

            if (unreadable.Count > 0 || unfinished)
            {
                damaged.Add(new UnreadableLines(Path.GetFileName(file), [.. unreadable], unfinished ? number : null));
            }
        }

        return new TrackingLogSearch([.. found.OrderBy(e => e.At)], damaged.ToImmutable());
    }

    private static bool EndsWithNewline(FileStream stream)
    {
        // The reader has consumed the stream up to where it found the end: the last byte it read is the one that matters.
        var end = stream.Position;
        if (end == 0)
        {
            return true;
        }

        stream.Position = end - 1;
        return stream.ReadByte() == '\n';
    }

    private static bool IsWholeJsonObject(string line)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(line));
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static TrackingEntry? Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var properties = document.RootElement.GetProperty("Properties");
            string? Text(string name) => properties.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            var recipients = properties.TryGetProperty("Recipients", out var list) && list.ValueKind == JsonValueKind.Array
                ? list.EnumerateArray().Select(r => r.GetString() ?? "").ToImmutableArray()
                : [];
            var at = DateTimeOffset.TryParse(Text("At"), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var time)
                ? time
                : document.RootElement.GetProperty("Timestamp").GetDateTimeOffset();
            return new TrackingEntry(at, Text("Event") ?? "?", Text("MessageId") ?? "", Text("Queue") ?? "", recipients, Text("Detail"));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
