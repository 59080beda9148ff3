using System.Collections.Immutable;
using System.Text;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Messages;

/// <summary>
/// Builds messages from drafts. The originator must be a valid address (there is nobody to report to
/// otherwise); a malformed recipient is kept as an invalid address and later answered with a non-delivery report.
/// </summary>
public static class MessageFactory
{
    /// <summary>The longest id accepted from clients; ids travel in every event and log line.</summary>
    public const int MaxIdLength = 128;

    public static bool TryCreate(MessageDraft draft, DateTimeOffset now, TimeSpan defaultExpiry, out Message? message, out string? error)
    {
        message = null;
        if (!Address.TryParse(draft.From, out var originator, out var fromError))
        {
            error = $"from: {fromError}";
            return false;
        }

        if (draft.To.IsDefaultOrEmpty)
        {
            error = "to: at least one recipient is required";
            return false;
        }

        if (draft.Id is { } id && (id.Length == 0 || id.Length > MaxIdLength || id.Any(char.IsWhiteSpace)))
        {
            error = $"id: must be 1-{MaxIdLength} characters without spaces";
            return false;
        }

        if (draft.SizeBytes is < 0)
        {
            error = "sizeBytes: must not be negative";
            return false;
        }

        var expiresAt = draft.ExpiresAt ?? now + defaultExpiry;
        var contentSize = draft.Format == ContentFormat.Rfc5322
            ? draft.Body.Length // one char per octet
            : Encoding.UTF8.GetByteCount(draft.Subject) + Encoding.UTF8.GetByteCount(draft.Body);
        var messageId = draft.Id ?? NewId();
        message = new Message
        {
            Id = messageId,
            Originator = originator,
            Recipients = draft.To.Select(Address.FromUserInput).Distinct().ToImmutableArray(),
            Priority = draft.Priority,
            Class = draft.Class,
            SubmittedAt = now,
            DeferredUntil = draft.DeferredUntil,
            ExpiresAt = expiresAt,
            Subject = draft.Subject,
            Body = draft.Body,
            Format = draft.Format,
            SizeBytes = Math.Max(draft.SizeBytes ?? 0, contentSize),
            ContentChecksum = ContentChecksum.Compute(messageId, draft.Subject, draft.Body),
            Trace = draft.Trace.IsDefault ? ImmutableArray<Hop>.Empty : draft.Trace,
        };
        error = null;
        return true;
    }

    /// <summary>A new message id: sortable by time, unique without coordination.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");
}
