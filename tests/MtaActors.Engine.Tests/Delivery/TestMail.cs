using System.Collections.Immutable;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;

namespace MtaActors.Engine.Tests.Delivery;

/// <summary>Builds well-formed messages and envelopes (correct checksums) for transport and sink tests.</summary>
internal static class TestMail
{
    private static readonly DateTimeOffset SubmittedAt = new(2025, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public static Address Smtp(string address) => Address.Parse(address);

    public static Message Message(string id, long sizeBytes = 100, string body = "Hello from Paris", params string[] to)
    {
        var recipients = (to.Length == 0 ? ["user@paris.example"] : to).Select(Smtp).ToImmutableArray();
        return new Message
        {
            Id = id,
            Originator = Smtp("sender@london.example"),
            Recipients = recipients,
            SubmittedAt = SubmittedAt,
            ExpiresAt = SubmittedAt.AddDays(2),
            Subject = $"Subject of {id}",
            Body = body,
            SizeBytes = sizeBytes,
            ContentChecksum = ContentChecksum.Compute(id, $"Subject of {id}", body),
        };
    }

    public static Envelope Envelope(string id, params string[] to)
    {
        var message = Message(id, to: to);
        return new Envelope(message, message.Recipients);
    }

    public static Envelope Sized(string id, long sizeBytes)
    {
        var message = Message(id, sizeBytes);
        return new Envelope(message, message.Recipients);
    }

    /// <summary>Envelopes m1..mN, one recipient each.</summary>
    public static IReadOnlyList<Envelope> Batch(int count, string prefix = "m")
        => Enumerable.Range(1, count).Select(i => Envelope($"{prefix}{i}")).ToArray();
}
