using System.Collections.Immutable;
using System.Text.Json;

namespace MtaActors.Host.Tracking;

/// <summary>
/// Reads the tracking log files of a data folder (oldest file first) for one message id, and for the reports made
/// about it. Opens files for shared reading, so it works while the daemon writes; a line that does not parse is skipped.
/// </summary>
internal static class TrackingLogReader
{
    public static async Task<ImmutableArray<TrackingEntry>> FindAsync(string folder, string messageId, CancellationToken cancellationToken)
    {
        var found = ImmutableArray.CreateBuilder<TrackingEntry>();
        var reports = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "tracking-*.jsonl").Order(StringComparer.Ordinal))
        {
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (!line.Contains(messageId, StringComparison.Ordinal) && !reports.Any(r => line.Contains(r, StringComparison.Ordinal)))
                {
                    continue;
                }

                if (Parse(line) is not { } entry)
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
        }

        return [.. found.OrderBy(e => e.At)];
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
