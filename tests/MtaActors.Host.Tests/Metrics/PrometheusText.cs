using System.Globalization;
using System.Text.RegularExpressions;

namespace MtaActors.Host.Tests.Metrics;

/// <summary>A scrape in Prometheus text format, read into series (name with its labels, as written) and types.</summary>
internal sealed partial class PrometheusText
{
    private PrometheusText(IReadOnlyList<(string Series, double Value)> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        Types = types;
    }

    public IReadOnlyList<(string Series, double Value)> Samples { get; }

    public IReadOnlyDictionary<string, string> Types { get; }

    public static PrometheusText Parse(string text)
    {
        var samples = new List<(string, double)>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (TypeLine().Match(line) is { Success: true } type)
            {
                types[type.Groups[1].Value] = type.Groups[2].Value;
            }
            else if (!line.StartsWith('#'))
            {
                var sample = SampleLine().Match(line);
                Assert.True(sample.Success, $"not a sample line: {line}");
                samples.Add((Canonical(sample.Groups[1].Value), double.Parse(sample.Groups[2].Value, CultureInfo.InvariantCulture)));
            }
        }

        return new PrometheusText(samples, types);
    }

    /// <summary>The value of one series, e.g. <c>mta_messages_delivered_total{link="local-store"}</c> (labels in any order); null when absent.</summary>
    public double? Value(string series) => Samples.Where(s => s.Series == Canonical(series)).Select(s => (double?)s.Value).FirstOrDefault();

    /// <summary>A series with its labels sorted by name (label values here never hold commas or quotes).</summary>
    private static string Canonical(string series)
    {
        var open = series.IndexOf('{', StringComparison.Ordinal);
        if (open < 0)
        {
            return series;
        }

        var labels = series[(open + 1)..^1].Split(',').Order(StringComparer.Ordinal);
        return $"{series[..open]}{{{string.Join(',', labels)}}}";
    }

    /// <summary>Every series of a metric name, in the order written.</summary>
    public IReadOnlyList<(string Series, double Value)> Of(string name)
        => [.. Samples.Where(s => s.Series == name || s.Series.StartsWith(name + "{", StringComparison.Ordinal))];

    [GeneratedRegex(@"^# TYPE (\S+) (\S+)$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(\S+(?:\{.*\})?) (\S+)$")]
    private static partial Regex SampleLine();
}
