namespace MtaActors.Host.Tests.Metrics;

/// <summary>The specs' exposition parser refuses what the format does not allow (so a scrape it accepts is well formed).</summary>
public sealed class PrometheusTextSpec
{
    [Theory]
    [InlineData("mta_x 1", "must end with a line feed")]
    [InlineData("9mta 1\n", "expected a name")]
    [InlineData("mta_x{link=\"a} 1\n", "unterminated label value")]
    [InlineData("mta_x{link=\"a\" q=\"b\"} 1\n", "expected ',' or '}'")]
    [InlineData("mta_x{link=\"a\\q\"} 1\n", "unknown escape")]
    [InlineData("mta_x{link=\"a\",link=\"b\"} 1\n", "given twice")]
    [InlineData("mta_x one\n", "is not a value")]
    [InlineData("mta_x 1 soon\n", "is not a timestamp")]
    [InlineData("# TYPE mta_x meter\n", "unknown type")]
    [InlineData("mta_x 1\n# TYPE mta_x gauge\n", "after its samples")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n", "not increasing and cumulative")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_sum 1\nh_count 1\n", "no +Inf bucket")]
    [InlineData("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 1\n", "differs from _count")]
    public void Malformed_exposition_is_refused_naming_the_problem(string text, string problem)
        => Assert.Contains(problem, Assert.Throws<FormatException>(() => PrometheusText.Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void Well_formed_exposition_reads_labels_escapes_special_values_and_timestamps()
    {
        var text = PrometheusText.Parse("# HELP mta_x (s) x\n# TYPE mta_x gauge\nmta_x{queue=\"a\\\"b\",link=\"l\"} +Inf 1700000000000\nmta_y NaN\n\n");
        Assert.Equal(double.PositiveInfinity, text.Value("mta_x{link=\"l\",queue=\"a\\\"b\"}")); // labels in another order, an escaped quote
        Assert.Equal("a\"b", text.Of("mta_x")[0].Labels["queue"]);
        Assert.True(double.IsNaN(text.Value("mta_y")!.Value));
        Assert.Equal("gauge", text.TypesByFamily["mta_x"]);
    }
}
