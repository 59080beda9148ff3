using System.Buffers.Text;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace MtaActors.Engine.Persistence;

/// <summary>
/// The checksum every journaled event and snapshot carries (format 2): the payload is
/// <c>#crc32c=XXXXXXXX\n</c> followed by the JSON, where XXXXXXXX is the CRC-32C of the JSON bytes in hex. Damage that
/// leaves valid JSON (a recipient changed, one byte of a body) no longer reads as a different but plausible event.
/// A payload without the header is format 1 (written before checksums): read as before, but marked unverified so
/// <c>mta check</c> can say so. JSON never starts with <c>#</c>, so the two cannot be confused.
/// </summary>
public static class JournalChecksum
{
    private static readonly byte[] Prefix = "#crc32c="u8.ToArray();

    /// <summary>Prefix, eight hex digits, a line feed.</summary>
    private static readonly int HeaderLength = Prefix.Length + 9;

    public static byte[] Seal(ReadOnlySpan<byte> json)
    {
        var sealedBytes = new byte[HeaderLength + json.Length];
        Prefix.CopyTo(sealedBytes, 0);
        Encoding.ASCII.GetBytes(Compute(json).ToString("x8", System.Globalization.CultureInfo.InvariantCulture), sealedBytes.AsSpan(Prefix.Length));
        sealedBytes[HeaderLength - 1] = (byte)'\n';
        json.CopyTo(sealedBytes.AsSpan(HeaderLength));
        return sealedBytes;
    }

    /// <summary>
    /// The JSON inside <paramref name="payload"/>; <paramref name="verified"/> is false for a format-1 payload (no header).
    /// Throws <see cref="JournalChecksumException"/> when the stored checksum does not match the content.
    /// </summary>
    public static ReadOnlyMemory<byte> Open(byte[] payload, string manifest, out bool verified)
    {
        if (!payload.AsSpan().StartsWith(Prefix))
        {
            verified = false;
            return payload;
        }

        var hex = payload.AsSpan(Prefix.Length, Math.Min(8, Math.Max(0, payload.Length - Prefix.Length)));
        if (payload.Length < HeaderLength || payload[HeaderLength - 1] != (byte)'\n'
            || !Utf8Parser.TryParse(hex, out uint stored, out var consumed, 'x') || consumed != 8)
        {
            throw new JournalChecksumException(manifest, "its checksum header is damaged", []);
        }

        var json = payload.AsMemory(HeaderLength);
        var computed = Compute(json.Span);
        if (computed != stored)
        {
            throw new JournalChecksumException(manifest, $"checksum mismatch (stored {stored:x8}, content {computed:x8})", MessageIdsIn(json));
        }

        verified = true;
        return json;
    }

    private static uint Compute(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        while (bytes.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, MemoryMarshal.Read<ulong>(bytes));
            bytes = bytes[sizeof(ulong)..];
        }

        foreach (var b in bytes)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }

    /// <summary>The message ids a damaged payload still names, when it is valid JSON: what a check can say was affected.</summary>
    private static IReadOnlyList<string> MessageIdsIn(ReadOnlyMemory<byte> json)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            using var document = JsonDocument.Parse(json);
            Collect(document.RootElement, ids);
        }
        catch (JsonException)
        {
            // Not JSON any more: no id can be read from it.
        }

        return [.. ids];
    }

    private static void Collect(JsonElement element, SortedSet<string> ids)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (property.Value.ValueKind == JsonValueKind.String && property.Name is "messageId")
                    {
                        ids.Add(property.Value.GetString()!);
                    }
                    else if (property.Name is "messageIds" && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        ids.UnionWith(property.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!));
                    }
                    else if (property.Name is "messages" && property.Value.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var message in property.Value.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.Object))
                        {
                            if (message.TryGetProperty("id", out var messageId) && messageId.ValueKind == JsonValueKind.String)
                            {
                                ids.Add(messageId.GetString()!);
                            }
                        }
                    }
                    else if (property.Name is "message" && property.Value.ValueKind == JsonValueKind.Object
                        && property.Value.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String)
                    {
                        ids.Add(id.GetString()!);
                        Collect(property.Value, ids);
                    }
                    else
                    {
                        Collect(property.Value, ids);
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Collect(item, ids);
                }

                break;
        }
    }
}
