using System.Text;

namespace MtaActors.Core.Messages;

/// <summary>
/// FNV-1a over the message id, subject and body. Not cryptographic: it only has to notice a payload
/// damaged in transit (the <c>corrupt</c> fault), the way a transport checksum does.
/// </summary>
public static class ContentChecksum
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    public static uint Compute(string id, string subject, string body)
    {
        var hash = OffsetBasis;
        hash = Mix(hash, id);
        hash = Mix(hash, "\n");
        hash = Mix(hash, subject);
        hash = Mix(hash, "\n");
        return Mix(hash, body);
    }

    public static uint Compute(Message message) => Compute(message.Id, message.Subject, message.Body);

    private static uint Mix(uint hash, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        var chars = text.AsSpan();
        while (!chars.IsEmpty)
        {
            var take = Math.Min(chars.Length, 64);
            var count = Encoding.UTF8.GetBytes(chars[..take], buffer);
            foreach (var b in buffer[..count])
            {
                hash = unchecked((hash ^ b) * Prime);
            }

            chars = chars[take..];
        }

        return hash;
    }
}
