using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace MtaActors.Core.Json;

/// <summary>
/// The one place where request JSON becomes a typed contract or a one-line error naming the field
/// (<c>to[2]: expected a string (got a number)</c>, <c>latencyMs: required</c>, <c>frm: unknown field</c>,
/// <c>[1].subject: invalid UTF-8 (byte 0xFF at offset 52)</c>). System.Text.Json does the reading, with
/// source-generated contracts, <c>JsonUnmappedMemberHandling.Disallow</c> and <c>required</c> members; this layer only
/// checks what it does not (the bytes are UTF-8, no property is given twice) and translates its exceptions.
/// </summary>
public static partial class JsonInput
{
    /// <summary>
    /// Reads <paramref name="utf8"/> as <typeparamref name="T"/>. <paramref name="root"/> names the document itself in
    /// errors (<c>body</c>, <c>fault</c>); <paramref name="expectations"/> may word a field's type error better than the
    /// generic one, keyed by its path with indices left out (<c>to</c>, <c>[].priority</c>, <c>""</c> for the root).
    /// </summary>
    public static bool TryRead<T>(
        ReadOnlySpan<byte> utf8,
        JsonTypeInfo<T> type,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out string? error,
        string root = "body",
        IReadOnlyDictionary<string, string>? expectations = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        value = default;
        if (Check(utf8, root) is { } problem)
        {
            error = problem;
            return false;
        }

        try
        {
            value = JsonSerializer.Deserialize(utf8, type);
        }
        catch (JsonException exception)
        {
            error = Describe(exception, root, expectations);
            return false;
        }
        catch (Exception exception) when (exception is NotSupportedException or InvalidOperationException or FormatException or OverflowException)
        {
            error = $"{root}: {OneLine(exception.Message)}";
            return false;
        }

        if (value is null)
        {
            error = $"{root}: {Expectation(expectations, "") ?? "expected a value"} (got null)";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>Reads one already parsed element, e.g. a fault inside a larger document.</summary>
    public static bool TryRead<T>(
        JsonElement element,
        JsonTypeInfo<T> type,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out string? error,
        string root = "body",
        IReadOnlyDictionary<string, string>? expectations = null)
        => TryRead(Encoding.UTF8.GetBytes(element.GetRawText()), type, out value, out error, root, expectations);

    /// <summary>
    /// Checks that <paramref name="utf8"/> is one well-formed JSON value in valid UTF-8 with no property given twice
    /// in one object (names compared case-insensitively, as the contracts match them); null when it is.
    /// </summary>
    public static string? Check(ReadOnlySpan<byte> utf8, string root = "body")
    {
        var invalidAt = System.Text.Unicode.Utf8.IsValid(utf8) ? -1 : FirstInvalidByte(utf8);
        var path = new PathTracker();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                var touchesInvalid = invalidAt >= 0 && reader.TokenStartIndex <= invalidAt && invalidAt < reader.BytesConsumed;
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (touchesInvalid)
                    {
                        return $"{path.Describe(root)}: invalid UTF-8 in a property name {InvalidByte(utf8, invalidAt)}";
                    }

                    var name = reader.GetString()!;
                    if (!path.Property(name))
                    {
                        return $"{path.Describe(root)}: given more than once";
                    }

                    continue;
                }

                path.Value(reader.TokenType);
                if (touchesInvalid)
                {
                    return $"{path.Describe(root)}: invalid UTF-8 {InvalidByte(utf8, invalidAt)}";
                }

                path.After(reader.TokenType);
            }
        }
        catch (JsonException exception)
        {
            return invalidAt >= 0 && invalidAt <= reader.BytesConsumed + 4
                ? $"{path.Describe(root)}: invalid UTF-8 {InvalidByte(utf8, invalidAt)}"
                : $"{root}: malformed JSON: {OneLine(exception.Message)}";
        }

        // Only reached for bytes outside every token the reader accepted, which it does not do; kept as the safe answer.
        return invalidAt >= 0 ? $"{root}: invalid UTF-8 {InvalidByte(utf8, invalidAt)}" : null;
    }

    /// <summary>Turns what System.Text.Json threw into <c>path: problem</c>.</summary>
    public static string Describe(JsonException exception, string root = "body", IReadOnlyDictionary<string, string>? expectations = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var field = Field(exception.Path, root);
        var shape = Shape(exception.Path);
        if (exception is JsonFieldException complaint)
        {
            if (complaint.Field is not null)
            {
                field = Child(exception.Path, complaint.Field);
                shape = Index().Replace(Child(exception.Path, complaint.Field), "[]");
            }

            // A field's own wording replaces the generic type complaint, never a range or format one.
            var problem = complaint.Got == JsonTokenType.None ? complaint.Problem : Expectation(expectations, shape) ?? complaint.Problem;
            return complaint.Got == JsonTokenType.None ? $"{field}: {problem}" : $"{field}: {problem} (got {Describe(complaint.Got)})";
        }

        var message = exception.Message;
        if (UnmappedMember().Match(message) is { Success: true } unmapped)
        {
            return $"{Child(exception.Path, unmapped.Groups["name"].Value)}: unknown field";
        }

        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var first = missing.Groups["names"].Value.Split(',')[0].Trim().Trim('\'', '"', '.');
            return $"{Child(exception.Path, first)}: required";
        }

        if (NotConvertible().Match(message) is { Success: true } notConvertible)
        {
            var target = notConvertible.Groups["type"].Value;
            var generic = target.Contains("[]", StringComparison.Ordinal) || target.Contains("Array", StringComparison.Ordinal)
                || target.Contains("List", StringComparison.Ordinal) || target.Contains("Enumerable", StringComparison.Ordinal)
                ? "expected an array"
                : "expected an object";
            return $"{field}: {Expectation(expectations, shape) ?? generic}";
        }

        return $"{field}: {OneLine(StripPosition(message))}";
    }

    /// <summary>The field a path names, as errors spell it: <c>$.to[2]</c> is <c>to[2]</c>, <c>$</c> is the root.</summary>
    public static string Field(string? path, string root = "body")
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return root;
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return field.Length == 0 ? root : field;
    }

    internal static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();

    private static string? Expectation(IReadOnlyDictionary<string, string>? expectations, string shape)
        => expectations is not null && expectations.TryGetValue(shape, out var expected) ? expected : null;

    /// <summary>A path with its indices left out: <c>$[3].to[1]</c> is <c>[].to[]</c>; the root is empty.</summary>
    private static string Shape(string? path) => Index().Replace(Field(path, ""), "[]");

    private static string Child(string? path, string name)
    {
        var parent = Field(path, "");
        if (parent.EndsWith(name, StringComparison.Ordinal) && (parent.Length == name.Length || parent[^(name.Length + 1)] is '.' or '['))
        {
            return parent;
        }

        return parent.Length == 0 ? name : $"{parent}.{name}";
    }

    private static string StripPosition(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" LineNumber: ", StringComparison.Ordinal);
        }

        return cut < 0 ? message : message[..cut];
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    private static int FirstInvalidByte(ReadOnlySpan<byte> utf8)
    {
        var index = 0;
        while (index < utf8.Length)
        {
            var status = Rune.DecodeFromUtf8(utf8[index..], out _, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                return index;
            }

            index += consumed;
        }

        return -1;
    }

    private static string InvalidByte(ReadOnlySpan<byte> utf8, int index) => $"(byte 0x{utf8[index]:X2} at offset {index})";

    [GeneratedRegex(@"^The JSON property '(?<name>.*)' could not be mapped to any \.NET member", RegexOptions.Singleline)]
    private static partial Regex UnmappedMember();

    [GeneratedRegex(@"missing required properties[^:]*:\s*(?<names>[^.]*(?:\.[^ ][^.]*)*)", RegexOptions.Singleline)]
    private static partial Regex MissingRequired();

    [GeneratedRegex(@"^The JSON value could not be converted to (?<type>\S+)", RegexOptions.Singleline)]
    private static partial Regex NotConvertible();

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

    /// <summary>Where the reader is, as a field path, and which names each open object has seen.</summary>
    private sealed class PathTracker
    {
        private readonly List<Frame> _frames = [];

        /// <summary>Records a property name; false when the object already had it.</summary>
        public bool Property(string name)
        {
            var frame = _frames[^1];
            frame.Name = name;
            return frame.Seen!.Add(name);
        }

        /// <summary>A value starts (a scalar, or an object or array opening): an array's index moves on.</summary>
        public void Value(JsonTokenType token)
        {
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                _frames.RemoveAt(_frames.Count - 1);
                return;
            }

            if (_frames.Count > 0 && _frames[^1].Seen is null)
            {
                _frames[^1].Index++;
            }
        }

        /// <summary>After a value: an object or array opening becomes the innermost frame.</summary>
        public void After(JsonTokenType token)
        {
            if (token == JsonTokenType.StartObject)
            {
                _frames.Add(new Frame { Seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) });
            }
            else if (token == JsonTokenType.StartArray)
            {
                _frames.Add(new Frame());
            }
        }

        public string Describe(string root)
        {
            var text = new StringBuilder();
            foreach (var frame in _frames)
            {
                if (frame.Seen is null)
                {
                    if (frame.Index >= 0)
                    {
                        text.Append('[').Append(frame.Index).Append(']');
                    }
                }
                else if (frame.Name is not null)
                {
                    if (text.Length > 0)
                    {
                        text.Append('.');
                    }

                    text.Append(frame.Name);
                }
            }

            return text.Length == 0 ? root : text.ToString();
        }

        private sealed class Frame
        {
            public HashSet<string>? Seen { get; init; }

            public string? Name { get; set; }

            public int Index { get; set; } = -1;
        }
    }
}
