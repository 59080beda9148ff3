using System.Globalization;

namespace MtaActors.Core.Topology.Binding;

/// <summary>
/// Turns the text of one field into a value or into a <see cref="TopologyException"/> that reads
/// <c>{source}: {field path}: {problem}</c>, so every complaint about a topology file has the same one-line shape.
/// </summary>
internal sealed class FieldReader(string source)
{
    public string Source { get; } = source;

    public TopologyException Fail(string path, string problem)
        => new($"{Source}: {path}: {OneLine(problem)}");

    public static string OneLine(string text)
        => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    public string Required(string? value, string path)
        => string.IsNullOrWhiteSpace(value) ? throw Fail(path, "is required") : value.Trim();

    public int Integer(string? value, string path, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (!int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            throw Fail(path, $"must be a whole number (got '{value}')");
        }

        return number < min || number > max
            ? throw Fail(path, $"must be between {min} and {max} (got {number})")
            : number;
    }

    public bool Boolean(string? value, string path, bool fallback)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        return bool.TryParse(value.Trim(), out var flag) ? flag : throw Fail(path, $"must be true or false (got '{value}')");
    }

    /// <summary>
    /// A duration in the invariant <c>[d.]hh:mm:ss[.fffffff]</c> form. A bare number is refused: TimeSpan would read
    /// "5" as five days, which is never what someone writing a timeout meant.
    /// </summary>
    public TimeSpan Duration(string? value, string path, TimeSpan fallback, bool allowZero = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        var text = value.Trim();
        if (!text.Contains(':', StringComparison.Ordinal)
            || !TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out var duration))
        {
            throw Fail(path, $"not a duration '{value}' (expected [d.]hh:mm:ss[.fffffff], e.g. 00:00:05)");
        }

        if (duration < TimeSpan.Zero || (duration == TimeSpan.Zero && !allowZero))
        {
            throw Fail(path, allowZero ? $"must not be negative (got {text})" : $"must be positive (got {text})");
        }

        return duration;
    }
}
