using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace MtaActors.Host.Commands;

/// <summary>
/// The CLI's tables, laid out by Spectre.Console: a header row, then one row per item, columns two spaces apart,
/// numeric columns right-aligned, no borders, no colour and no escape codes whatever the terminal, and never wrapped.
/// Plain on purpose: scripts split these lines on whitespace, and logs, pipes and narrow terminals stay readable.
/// </summary>
internal sealed class PlainTable(params string[] headers)
{
    /// <summary>Wide enough that Spectre never wraps or shrinks a cell: a wrapped row would break every script reading it.</summary>
    private const int UnboundedWidth = 1_000_000;

    private readonly List<string[]> rows = [];

    public int Count => rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"expected {headers.Length} cells, got {cells.Length}", nameof(cells));
        }

        rows.Add(cells);
    }

    public void WriteTo(TextWriter writer)
    {
        var table = new Table { Border = TableBorder.None, ShowHeaders = true, Expand = false };
        for (var column = 0; column < headers.Length; column++)
        {
            var numeric = rows.Count > 0 && rows.All(row => IsNumber(row[column]));
            table.AddColumn(new TableColumn(new Text(headers[column]))
            {
                Alignment = numeric ? Justify.Right : Justify.Left,
                NoWrap = true,
                Padding = new Padding(0, 0, column == headers.Length - 1 ? 0 : 2, 0),
            });
        }

        foreach (var row in rows)
        {
            // Text, not markup: a cell is data, and brackets in an address or a reason are not styles.
            table.AddRow(row.Select(cell => (IRenderable)new Text(cell)));
        }

        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(buffer),
        });
        console.Profile.Width = UnboundedWidth;
        console.Write(table);
        foreach (var line in buffer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            writer.WriteLine(line.TrimEnd());
        }
    }

    private static bool IsNumber(string cell) => cell.Length > 0 && double.TryParse(cell, CultureInfo.InvariantCulture, out _);
}
