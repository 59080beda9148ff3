using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace MtaActors.Engine.Delivery;

/// <summary>
/// The delivery log's line format: <c>D|S \t message-id \t recipient \t content \n</c> in UTF-8, where content is the
/// message's content fingerprint in 16 lowercase hex digits. Backslash, tab, CR and LF in a field are escaped
/// (<c>\\ \t \r \n</c>) so that no address text can break a line. Only a line that ends with <c>\n</c> counts; a
/// torn last line (a crash mid-write) is ignored. Lines written before the content field (three fields) are still
/// read, as deliveries of unknown content.
/// </summary>
internal static class DeliveryLogFormat
{
    private const byte NewLine = (byte)'\n';
    private const int ReadBufferSize = 64 * 1024;

    // Invalid UTF-8 in a complete line means the file was damaged, not merely torn: refuse it rather than guess.
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private const int ContentDigits = 16;

    public static void Append(IBufferWriter<byte> writer, DeliveryLogKind kind, string messageId, string recipient, ulong content)
    {
        var id = Escape(messageId);
        var to = Escape(recipient);
        var length = 2 + Encoding.UTF8.GetMaxByteCount(id.Length) + 1 + Encoding.UTF8.GetMaxByteCount(to.Length) + 1 + ContentDigits + 1;
        var span = writer.GetSpan(length);
        span[0] = kind == DeliveryLogKind.Delivered ? (byte)'D' : (byte)'S';
        span[1] = (byte)'\t';
        var written = 2 + Encoding.UTF8.GetBytes(id, span[2..]);
        span[written++] = (byte)'\t';
        written += Encoding.UTF8.GetBytes(to, span[written..]);
        span[written++] = (byte)'\t';
        content.TryFormat(span.Slice(written, ContentDigits), out _, "x16", CultureInfo.InvariantCulture);
        written += ContentDigits;
        span[written++] = NewLine;
        writer.Advance(written);
    }

    /// <summary>Parses one line without its newline; false for a line that is not in the format.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, [NotNullWhen(true)] out DeliveryLogEntry? entry)
    {
        entry = null;
        if (line.Length < 4 || line[1] != (byte)'\t')
        {
            return false;
        }

        DeliveryLogKind kind;
        switch (line[0])
        {
            case (byte)'D':
                kind = DeliveryLogKind.Delivered;
                break;
            case (byte)'S':
                kind = DeliveryLogKind.Suppressed;
                break;
            default:
                return false;
        }

        var rest = line[2..];
        var tab = rest.IndexOf((byte)'\t');
        if (tab <= 0)
        {
            return false;
        }

        var to = rest[(tab + 1)..];
        ulong? content = null;
        var contentTab = to.IndexOf((byte)'\t');
        if (contentTab >= 0)
        {
            var digits = to[(contentTab + 1)..];
            if (digits.Length != ContentDigits || !IsLowerHex(digits)
                || !ulong.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var parsed))
            {
                return false;
            }

            content = parsed;
            to = to[..contentTab];
        }

        string id, recipient;
        try
        {
            id = Unescape(Strict.GetString(rest[..tab]));
            recipient = Unescape(Strict.GetString(to));
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        entry = new DeliveryLogEntry(kind, id, recipient, content);
        return true;
    }

    /// <summary>
    /// Streams the complete lines of a log from the stream's current position, one chunk per read (the per-line
    /// cost of an async iterator would dominate a replay of millions of lines). Each chunk carries
    /// <c>CompleteLength</c>, the number of bytes read so far that form complete lines: after the last chunk it is
    /// the offset at which a torn tail starts. Throws <see cref="InvalidDataException"/> for a complete line that does not parse.
    /// </summary>
    public static async IAsyncEnumerable<(IReadOnlyList<DeliveryLogEntry> Entries, long CompleteLength)> ReadAsync(
        Stream stream, string path, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[ReadBufferSize];
        var filled = 0;
        long consumed = 0;
        long lineNumber = 0;
        while (true)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                break;
            }

            filled += read;
            var entries = new List<DeliveryLogEntry>();
            var start = ParseLines(buffer.AsSpan(0, filled), entries, path, ref lineNumber);
            consumed += start;
            Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
            filled -= start;
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            yield return (entries, consumed);
        }

        yield return ([], consumed);
    }

    /// <summary>Parses every complete line of <paramref name="data"/>; returns how many bytes they span.</summary>
    private static int ParseLines(ReadOnlySpan<byte> data, List<DeliveryLogEntry> entries, string path, ref long lineNumber)
    {
        var start = 0;
        int newline;
        while ((newline = data[start..].IndexOf(NewLine)) >= 0)
        {
            lineNumber++;
            if (!TryParse(data.Slice(start, newline), out var entry))
            {
                throw new InvalidDataException($"{path}: line {lineNumber} is not a delivery log line.");
            }

            entries.Add(entry);
            start += newline + 1;
        }

        return start;
    }

    private static bool IsLowerHex(ReadOnlySpan<byte> digits)
    {
        foreach (var b in digits)
        {
            if (b is not (>= (byte)'0' and <= (byte)'9' or >= (byte)'a' and <= (byte)'f'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Escape(string text)
    {
        if (text.AsSpan().IndexOfAny("\\\t\r\n") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            switch (c)
            {
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.ToString();
    }

    private static string Unescape(string text)
    {
        if (!text.Contains('\\'))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i + 1 == text.Length)
            {
                builder.Append(text[i]);
                continue;
            }

            builder.Append(text[++i] switch
            {
                't' => '\t',
                'r' => '\r',
                'n' => '\n',
                var other => other,
            });
        }

        return builder.ToString();
    }
}
