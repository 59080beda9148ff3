using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using MimeKit.Utils;
using MtaActors.Core.Messages;

namespace MtaActors.Host.Smtp;

/// <summary>
/// Turns what a client sent in one transaction into a submission: the message octets kept as they came (headers and
/// body, <see cref="ContentFormat.Rfc5322"/>) with this server's <c>Received:</c> header on top, read with MimeKit for
/// what the engine needs (subject for listings; one trace hop per <c>Received:</c> header already there, so the
/// engine's loop detection counts hops before this MTA).
/// </summary>
public static partial class InboundMessageBuilder
{
    /// <summary>
    /// The submission for <paramref name="data"/> (the message as the client sent it, dot-stuffing removed, without the
    /// CRLF before the final dot) from <paramref name="from"/>, null for the reverse path <c>&lt;&gt;</c>: a report,
    /// sent as from <paramref name="postmaster"/> and never reported on.
    /// </summary>
    public static MessageDraft Draft(
        byte[] data, string? from, IReadOnlyList<string> to, string postmaster, string clientName, System.Net.IPAddress client,
        string server, DateTimeOffset now, bool overTls = false)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(client);
        var headers = ReadHeaders(data);
        var originator = from ?? postmaster;
        var id = IdOf(headers[HeaderId.MessageId], originator, to, data);
        var received = $"Received: from {clientName} ([{client}])\r\n\tby {server} (MtaActors) with {(overTls ? "ESMTPS" : "ESMTP")} id {id};\r\n\t{DateUtils.FormatDate(now)}\r\n";
        var trace = headers
            .Where(h => h.Id == HeaderId.Received)
            .Select(h => new Hop(ReceivedBy().Match(h.Value) is { Success: true } by ? by.Groups[1].Value : "unknown", "smtp", now))
            .ToImmutableArray();
        var body = new StringBuilder(received.Length + data.Length + 2)
            .Append(received)
            .Append(Encoding.Latin1.GetString(data))
            .Append("\r\n")
            .ToString();
        return new MessageDraft
        {
            Id = id,
            From = originator,
            To = [.. to],
            Class = from is null ? MessageClass.Report : MessageClass.Ipm,
            Subject = headers[HeaderId.Subject] ?? "",
            Body = body,
            Format = ContentFormat.Rfc5322,
            Trace = trace,
        };
    }

    /// <summary>
    /// The id of a message a client may send again after a lost 250 (RFC 5321 §4.1.1.4 leaves it no other way to be
    /// sure): the same originator and recipients with the same Message-ID give the same id, and the engine acknowledges
    /// or suppresses a known id instead of delivering twice. Without a Message-ID the same originator and recipients
    /// with the same <paramref name="data"/> (the octets as received, before our <c>Received:</c> line) give the same
    /// id: a resend of such a message is the same octets, and the id then says so (two truly identical messages without
    /// a Message-ID inside the id window are one; docs/smtp.md says so).
    /// </summary>
    public static string IdOf(string? messageId, string originator, IEnumerable<string> recipients, ReadOnlySpan<byte> data)
    {
        var key = new StringBuilder();
        if (string.IsNullOrWhiteSpace(messageId))
        {
            // Tagged with a leading line break, which a trimmed Message-ID never has: no Message-ID can collide with a content hash.
            key.Append("\ncontent:").Append(Convert.ToHexStringLower(SHA256.HashData(data)));
        }
        else
        {
            key.Append(messageId.Trim());
        }

        key.Append('\n').Append(originator.ToLowerInvariant());
        foreach (var recipient in recipients.Select(r => r.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal))
        {
            key.Append('\n').Append(recipient);
        }

        return "smtp-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())).AsSpan(0, 16));
    }

    private static HeaderList ReadHeaders(byte[] data)
    {
        using var stream = new MemoryStream(data, writable: false);
        try
        {
            return HeaderList.Load(stream);
        }
        catch (FormatException)
        {
            // Not a header block at all: the message is kept as it came, with nothing read from it.
            return [];
        }
    }

    [GeneratedRegex(@"\bby\s+([^\s;()]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ReceivedBy();
}
