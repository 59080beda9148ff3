using System.Collections.Immutable;

namespace MtaActors.Host.Commands;

/// <summary>
/// A plain, aligned text table: a header row, then one row per item; numbers right-aligned. Plain text on
/// purpose, so output stays readable in logs, pipes and narrow terminals.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<ImmutableArray<string>> rows = [];
    private readonly string[] headers = headers;

    public int Count => rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        rows.Add([.. cells]);
    }

    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((header, column) => rows.Select(row => row[column].Length).Append(header.Length).Max()).ToArray();
        var numeric = headers.Select((_, column) => rows.Count > 0 && rows.All(row => IsNumber(row[column]))).ToArray();
        WriteRow(writer, [.. headers], widths, numeric);
        foreach (var row in rows)
        {
            WriteRow(writer, row, widths, numeric);
        }
    }

    private static void WriteRow(TextWriter writer, ImmutableArray<string> cells, int[] widths, bool[] numeric)
    {
        var padded = cells.Select((cell, column) => numeric[column] ? cell.PadLeft(widths[column]) : cell.PadRight(widths[column]));
        writer.WriteLine(string.Join("  ", padded).TrimEnd());
    }

    private static bool IsNumber(string cell) => cell.Length > 0 && double.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out _);
}
