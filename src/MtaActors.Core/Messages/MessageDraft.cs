using System.Collections.Immutable;

namespace MtaActors.Core.Messages;

/// <summary>
/// A submission as a user or client gives it, before acceptance: raw address text and optional fields.
/// <see cref="MessageFactory"/> turns it into a <see cref="Message"/>.
/// </summary>
public sealed record MessageDraft
{
    public required string From { get; init; }
    public required ImmutableArray<string> To { get; init; }
    public Priority Priority { get; init; } = Priority.Normal;
    public MessageClass Class { get; init; } = MessageClass.Ipm;
    public string Subject { get; init; } = "";
    public string Body { get; init; } = "";
    /// <summary>How to read <see cref="Body"/>; see <see cref="ContentFormat"/>.</summary>
    public ContentFormat Format { get; init; } = ContentFormat.Text;
    public long? SizeBytes { get; init; }
    public DateTimeOffset? DeferredUntil { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    /// <summary>A client-chosen id makes resubmission idempotent; null lets the MTA choose one.</summary>
    public string? Id { get; init; }
    public ImmutableArray<Hop> Trace { get; init; } = ImmutableArray<Hop>.Empty;
}
