using System.Collections.Immutable;

namespace MtaActors.Host.Tracking;

/// <summary>What <see cref="TrackingLogReader"/> found on a message, and the lines of the log it could not read.</summary>
internal sealed record TrackingLogSearch(ImmutableArray<TrackingEntry> Entries, ImmutableArray<UnreadableLines> Unreadable);

/// <summary>
/// The lines of one tracking log file that are not whole records (1-based numbers), and its last line when that one
/// has no newline yet (being written, or torn by a crash that the next start will end).
/// </summary>
internal sealed record UnreadableLines(string File, ImmutableArray<long> Lines, long? UnfinishedLine)
{
    private const int Named = 10;

    /// <summary>One line for stderr, e.g. <c>tracking-20261202.jsonl: 1 unreadable line skipped (line 3)</c>.</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (!Lines.IsEmpty)
        {
            var numbers = string.Join(", ", Lines.Take(Named)) + (Lines.Length > Named ? ", …" : "");
            parts.Add(Lines.Length == 1 ? $"1 unreadable line skipped (line {numbers})" : $"{Lines.Length} unreadable lines skipped (lines {numbers})");
        }

        if (UnfinishedLine is { } last)
        {
            parts.Add($"last line {last} unfinished (being written, or torn by a crash) skipped");
        }

        return $"{File}: {string.Join("; ", parts)}";
    }
}
