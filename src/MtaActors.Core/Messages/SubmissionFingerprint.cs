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
/// Covered: originator, recipients in the order given, priority, class, subject, body, format, size, deferred-until
/// and the message reported on. Not covered: what the MTA stamps or the path adds (submit time, the default expiry
/// derived from it, the trace, the checksum derived from the content) and the expiry itself, so a client that
/// resubmits without an expiry, or a replay that states the one the MTA chose, is the same message.
/// SHA-256 over a length-prefixed encoding of those fields, first 8 bytes in hex: stable across processes and
/// versions (it is journaled), and only ever compared between two submissions of one id.
/// </remarks>
public static class SubmissionFingerprint
{
    public static string Of(Message message)
    {
        var text = new StringBuilder(64 + message.Subject.Length + message.Body.Length);
        Field(text, message.Originator.Value);
        Field(text, message.Recipients.Length.ToString(CultureInfo.InvariantCulture));
        foreach (var recipient in message.Recipients)
        {
            Field(text, recipient.Value);
        }

        Field(text, message.Priority.ToString());
        Field(text, message.Class.ToString());
        Field(text, message.Subject);
        Field(text, message.Body);
        Field(text, message.Format.ToString());
        Field(text, message.SizeBytes.ToString(CultureInfo.InvariantCulture));
        Field(text, message.DeferredUntil?.UtcTicks.ToString(CultureInfo.InvariantCulture) ?? "");
        Field(text, message.ReportsOn ?? "");

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash).ToString("x16", CultureInfo.InvariantCulture);
    }

    // Length-prefixed, so no choice of field contents can make two different messages encode alike.
    private static void Field(StringBuilder text, string value)
        => text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
}
