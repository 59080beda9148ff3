using MtaActors.Host.Commands;

namespace MtaActors.Host.Tests.Commands;

/// <summary>The CLI's table layout is a contract (scripts split its lines): these pin it to the exact characters.</summary>
public sealed class PlainTableSpec
{
    [Fact]
    public void Columns_are_two_spaces_apart_with_numbers_right_aligned_and_no_trailing_spaces()
    {
        var table = new PlainTable("ID", "NAME", "LENGTH", "DETAIL");
        table.Add("Q1", "x400-paris", "42", "retrying [Corrupt: checksum]");
        table.Add("Q10", "local", "7", "");

        Assert.Equal(
            [
                "ID   NAME        LENGTH  DETAIL",
                "Q1   x400-paris      42  retrying [Corrupt: checksum]",
                "Q10  local            7",
            ],
            Render(table));
    }

    [Fact]
    public void A_column_with_any_text_stays_left_aligned()
    {
        var table = new PlainTable("SITE", "DELIVERED");
        table.Add("Paris", "12");
        table.Add("Rome", "-");

        Assert.Equal(["SITE   DELIVERED", "Paris  12", "Rome   -"], Render(table));
    }

    [Fact]
    public void An_empty_table_is_its_header_line()
    {
        Assert.Equal(["ID  NAME"], Render(new PlainTable("ID", "NAME")));
    }

    [Fact]
    public void A_long_row_is_never_wrapped()
    {
        var table = new PlainTable("ID", "DETAIL");
        var detail = string.Join(" ", Enumerable.Repeat("word", 200));
        table.Add("m1", detail);

        Assert.Equal(["ID  DETAIL", $"m1  {detail}"], Render(table));
    }

    private static string[] Render(PlainTable table)
    {
        using var output = new StringWriter();
        table.WriteTo(output);
        return output.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
    }
}
