using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MtaActors.Core.Messages;

/// <summary>
/// What a submission asked for, as a short stable hash: an id is a promise, and this is what it promises. Two
/// submissions with one id and one fingerprint are the same message (the second is a duplicate); with another
/// fingerprint they are different messages, and the second is refused.
/// </summary>
/// <remarks>
/// Covered: originator, the set of recipients, priority, class, subject, body, format, size (of a text body; an RFC
/// 5322 message's size includes its trace fields), deferred-until and the
/// message reported on. Not covered: what the MTA stamps or the path adds (submit time, the default expiry derived from
/// it, the trace, the checksum derived from the content; in an RFC 5322 body, its <c>Received:</c> trace fields, one of
/// them stamped at acceptance) and the expiry itself, so a client that resubmits without an expiry, a replay that
/// states the one the MTA chose, or an SMTP client that sends again after a lost 250 is the same message. Recipients
/// count as a set (canonical addresses, sorted): their order changes nothing that is delivered.
/// SHA-256 over a length-prefixed encoding of those fields, first 8 bytes in hex: stable across processes and
/// versions (it is journaled), and only ever compared between two submissions of one id.
/// </remarks>
public static class SubmissionFingerprint
{
    public static string Of(Message message)
        => Hash(message, withRecipients: true).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>
    /// What one recipient receives: the same fields without the recipient set. Receivers de-duplicate by (id, this,
    /// recipient), so an id reused past the work queue's window for other content is delivered, while the same content
    /// (a redelivery after a crash, a resubmission, a message reinstated for some of its recipients) is not delivered
    /// twice. Leaving the recipient set out is what makes the last one hold: the work queue narrows it as it goes.
    /// </summary>
    public static ulong OfContent(Message message) => Hash(message, withRecipients: false);

    private static ulong Hash(Message message, bool withRecipients)
    {
        var text = new StringBuilder(64 + message.Subject.Length + message.Body.Length);
        Field(text, message.Originator.Value);
        if (withRecipients)
        {
            var recipients = message.Recipients.Select(r => r.Value).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            Field(text, recipients.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var recipient in recipients)
            {
                Field(text, recipient);
            }
        }

        Field(text, message.Priority.ToString());
        Field(text, message.Class.ToString());
        Field(text, message.Subject);
        Field(text, message.Format == ContentFormat.Rfc5322 ? WithoutTraceFields(message.Body) : message.Body);
        Field(text, message.Format.ToString());
        // An RFC 5322 message's size is its whole text, our own Received: line included (which names the client's
        // address, its EHLO name and whether it used TLS): a resend from another host of the sender's pool would
        // otherwise differ in size alone. Its text, without trace fields, is already covered above.
        Field(text, message.Format == ContentFormat.Rfc5322 ? "" : message.SizeBytes.ToString(CultureInfo.InvariantCulture));
        Field(text, message.DeferredUntil?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "");
        Field(text, message.ReportsOn ?? "");

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }

    /// <summary>The RFC 5322 text without the <c>Received:</c> fields of its header (each with its folded lines).</summary>
    private static string WithoutTraceFields(string rfc5322)
    {
        var end = rfc5322.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var header = end < 0 ? rfc5322 : rfc5322[..(end + 2)];
        var kept = new StringBuilder(rfc5322.Length);
        var skipping = false;
        foreach (var line in header.Split("\r\n"))
        {
            var continuation = line.Length > 0 && line[0] is ' ' or '\t';
            if (!continuation)
            {
                skipping = line.StartsWith("Received:", StringComparison.OrdinalIgnoreCase);
            }

            if (!skipping)
            {
                kept.Append(line).Append("\r\n");
            }
        }

        return end < 0 ? kept.ToString() : kept.Append(rfc5322, end + 2, rfc5322.Length - end - 2).ToString();
    }

    // Length-prefixed, so no choice of field contents can make two different messages encode alike.
    private static void Field(StringBuilder text, string value)
        => text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
}
