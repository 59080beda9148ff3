using System.Collections.Immutable;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Messages;

/// <summary>
/// A message as the MTA carries it. Immutable: routing, queueing and transfer only ever pair it with a
/// subset of its recipients (an <see cref="Envelope"/>). The id is unique and stable across hops, so every
/// receiver can deduplicate by (id, recipient).
/// </summary>
public sealed record Message
{
    public required string Id { get; init; }
    public required Address Originator { get; init; }
    public required ImmutableArray<Address> Recipients { get; init; }
    public Priority Priority { get; init; } = Priority.Normal;
    public MessageClass Class { get; init; } = MessageClass.Ipm;
    public required DateTimeOffset SubmittedAt { get; init; }
    public DateTimeOffset? DeferredUntil { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
    /// <summary>How to read <see cref="Body"/>: plain text (the default) or a whole RFC 5322 message (mail from SMTP).</summary>
    public ContentFormat Format { get; init; } = ContentFormat.Text;
    /// <summary>Declared size in bytes; at least the UTF-8 size of subject and body.</summary>
    public long SizeBytes { get; init; }
    /// <summary>Checksum of the content taken at acceptance; a receiver recomputes it to detect damage in transit.</summary>
    public uint ContentChecksum { get; init; }
    public ImmutableArray<Hop> Trace { get; init; } = ImmutableArray<Hop>.Empty;

    /// <summary>The id of the message this one reports on, for non-delivery and delivery reports.</summary>
    public string? ReportsOn { get; init; }
}
