using System.Globalization;
using System.Text;

namespace MtaActors.Host.Tests.Metrics;

/// <summary>
/// A parser of the Prometheus text exposition format (version 0.0.4), character by character as the format's grammar
/// says: metric and label names, escaped label values, float values (NaN, +Inf, -Inf), optional timestamps, and
/// HELP/TYPE comments, with the family rules (one TYPE per family, before its samples; a histogram's buckets
/// cumulative, ending in +Inf equal to its _count). Anything else is a <see cref="FormatException"/> naming the line.
/// No maintained .NET parser of the format restores here, so the specs carry this one.
/// </summary>
internal sealed class PrometheusText
{
    private static readonly string[] KnownTypes = ["counter", "gauge", "histogram", "summary", "untyped"];

    private PrometheusText(IReadOnlyList<Sample> samples, IReadOnlyDictionary<string, string> types)
    {
        Samples = samples;
        TypesByFamily = types;
    }

    public IReadOnlyList<Sample> Samples { get; }

    /// <summary>Each family's <c># TYPE</c>.</summary>
    public IReadOnlyDictionary<string, string> TypesByFamily { get; }

    /// <summary>One sample: its metric name, its labels, and its value.</summary>
    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
    {
        public string Series => Labels.Count == 0 ? Name : $"{Name}{{{string.Join(',', Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\""))}}}";
    }

    public static PrometheusText Parse(string text)
    {
        var samples = new List<Sample>();
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        var sampled = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        if (lines[^1].Length != 0)
        {
            throw new FormatException("the exposition must end with a line feed");
        }

        for (var i = 0; i < lines.Length - 1; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                var comment = new Reader(line, number, 1);
                comment.SkipBlanks();
                var keyword = comment.Word();
                if (keyword is "HELP" or "TYPE")
                {
                    comment.Blanks();
                    var family = comment.MetricName();
                    if (keyword == "TYPE")
                    {
                        comment.Blanks();
                        var type = comment.Rest();
                        if (!KnownTypes.Contains(type))
                        {
                            throw comment.Error($"unknown type '{type}'");
                        }

                        if (sampled.Contains(family) || !types.TryAdd(family, type))
                        {
                            throw comment.Error($"TYPE of {family} given twice or after its samples");
                        }
                    }
                }

                continue;
            }

            var reader = new Reader(line, number, 0);
            var name = reader.MetricName();
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            if (reader.Peek == '{')
            {
                reader.Next();
                while (reader.Peek != '}')
                {
                    var label = reader.LabelName();
                    reader.Expect('=');
                    var value = reader.QuotedValue();
                    if (!labels.TryAdd(label, value))
                    {
                        throw reader.Error($"label {label} given twice");
                    }

                    if (reader.Peek == ',')
                    {
                        reader.Next();
                    }
                    else if (reader.Peek != '}')
                    {
                        throw reader.Error("expected ',' or '}'");
                    }
                }

                reader.Next();
            }

            reader.Blanks();
            var sample = reader.Float();
            if (!reader.AtEnd)
            {
                reader.Blanks();
                reader.Timestamp();
            }

            if (!reader.AtEnd)
            {
                throw reader.Error("unexpected text after the value");
            }

            sampled.Add(Family(name, types));
            samples.Add(new Sample(name, labels, sample));
        }

        CheckHistograms(samples, types);
        return new PrometheusText(samples, types);
    }

    /// <summary>The value of one series (labels in any order), e.g. <c>mta_messages_delivered_total{link="local-store"}</c>; null when absent.</summary>
    public double? Value(string series)
    {
        var canonical = Canonical(series);
        return Samples.Where(s => s.Series == canonical).Select(s => (double?)s.Value).FirstOrDefault();
    }

    /// <summary>Every sample of one metric name, in the order written.</summary>
    public IReadOnlyList<Sample> Of(string name) => [.. Samples.Where(s => s.Name == name)];

    private static string Canonical(string series)
    {
        var parsed = Parse(series + " 0\n").Samples[0];
        return parsed.Series;
    }

    /// <summary>The family a sample belongs to: a histogram's _bucket/_sum/_count samples belong to its TYPE.</summary>
    private static string Family(string name, IReadOnlyDictionary<string, string> types)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && types.TryGetValue(name[..^suffix.Length], out var type) && type is "histogram" or "summary")
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    private static void CheckHistograms(List<Sample> samples, Dictionary<string, string> types)
    {
        foreach (var family in types.Where(t => t.Value == "histogram").Select(t => t.Key))
        {
            var series = samples.Where(s => s.Name == family + "_bucket")
                .GroupBy(s => string.Join(',', s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")));
            foreach (var buckets in series)
            {
                var ordered = buckets.Select(b => (Le: double.Parse(b.Labels["le"] == "+Inf" ? "Infinity" : b.Labels["le"], CultureInfo.InvariantCulture), b.Value)).ToList();
                if (ordered.Zip(ordered.Skip(1), (a, b) => a.Le >= b.Le || a.Value > b.Value).Any(broken => broken))
                {
                    throw new FormatException($"{family}{{{buckets.Key}}}: buckets not increasing and cumulative");
                }

                if (!double.IsPositiveInfinity(ordered[^1].Le))
                {
                    throw new FormatException($"{family}{{{buckets.Key}}}: no +Inf bucket");
                }

                var count = samples.Single(s => s.Name == family + "_count" && string.Join(',', s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}")) == buckets.Key);
                if (count.Value != ordered[^1].Value)
                {
                    throw new FormatException($"{family}{{{buckets.Key}}}: +Inf bucket {ordered[^1].Value} differs from _count {count.Value}");
                }
            }
        }
    }

    /// <summary>A cursor over one line.</summary>
    private sealed class Reader(string line, int number, int position)
    {
        private int _at = position;

        public bool AtEnd => _at >= line.Length;

        public char Peek => AtEnd ? '\0' : line[_at];

        public void Next() => _at++;

        public FormatException Error(string problem) => new($"line {number}, column {_at + 1}: {problem}: {line}");

        public void SkipBlanks()
        {
            while (Peek is ' ' or '\t')
            {
                Next();
            }
        }

        public void Blanks()
        {
            if (Peek is not (' ' or '\t'))
            {
                throw Error("expected a blank");
            }

            SkipBlanks();
        }

        public string Word()
        {
            var start = _at;
            while (!AtEnd && Peek is not (' ' or '\t'))
            {
                Next();
            }

            return line[start.._at];
        }

        public string Rest()
        {
            var rest = line[_at..];
            _at = line.Length;
            return rest;
        }

        public void Expect(char expected)
        {
            if (Peek != expected)
            {
                throw Error($"expected '{expected}'");
            }

            Next();
        }

        public string MetricName() => Name(colon: true);

        public string LabelName() => Name(colon: false);

        public string QuotedValue()
        {
            Expect('"');
            var value = new StringBuilder();
            while (Peek != '"')
            {
                if (AtEnd)
                {
                    throw Error("unterminated label value");
                }

                if (Peek == '\\')
                {
                    Next();
                    value.Append(Peek switch
                    {
                        '\\' => '\\',
                        '"' => '"',
                        'n' => '\n',
                        _ => throw Error($"unknown escape '\\{Peek}'"),
                    });
                }
                else
                {
                    value.Append(Peek);
                }

                Next();
            }

            Next();
            return value.ToString();
        }

        public double Float()
        {
            var word = Word();
            return word switch
            {
                "NaN" => double.NaN,
                "+Inf" or "Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                _ when double.TryParse(word, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) => value,
                _ => throw Error($"'{word}' is not a value"),
            };
        }

        public void Timestamp()
        {
            var word = Word();
            if (!long.TryParse(word, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                throw Error($"'{word}' is not a timestamp");
            }
        }

        private string Name(bool colon)
        {
            var start = _at;
            while (!AtEnd && (char.IsAsciiLetter(Peek) || Peek == '_' || (colon && Peek == ':') || (_at > start && char.IsAsciiDigit(Peek))))
            {
                Next();
            }

            if (_at == start)
            {
                throw Error("expected a name");
            }

            return line[start.._at];
        }
    }
}
