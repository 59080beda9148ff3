using System.Diagnostics.CodeAnalysis;
using MtaActors.Core.Messages;

namespace MtaActors.Host.Api;

/// <summary>
/// The wire shape of one submission (<c>POST /api/messages</c>, or one element of a batch). System.Text.Json reads the
/// types (unknown members refused, <c>from</c> and <c>to</c> required); <see cref="TryToDraft"/> checks what a type cannot
/// say (a choice of names, no null recipient, a size of 0 or more). Address syntax is left to <see cref="MessageFactory"/>.
/// </summary>
public sealed record SubmissionContract
{
    public required string? From { get; init; }

    public required IReadOnlyList<string?>? To { get; init; }

    public string? Priority { get; init; }

    public string? Class { get; init; }

    public string? Subject { get; init; }

    public string? Body { get; init; }

    public string? Id { get; init; }

    public long? SizeBytes { get; init; }

    public DateTimeOffset? DeferredUntil { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>The draft, or one line naming the field; <paramref name="prefix"/> places it in a batch (<c>[3].</c>).</summary>
    public bool TryToDraft(string prefix, [NotNullWhen(true)] out MessageDraft? draft, [NotNullWhen(false)] out string? error)
    {
        draft = null;
        if (From is null)
        {
            return Fail($"{prefix}from: expected a string (got null)", out error);
        }

        if (To is null)
        {
            return Fail($"{prefix}to: expected an array of addresses (got null)", out error);
        }

        if (To.Count == 0)
        {
            return Fail($"{prefix}to: at least one recipient is required", out error);
        }

        for (var i = 0; i < To.Count; i++)
        {
            if (To[i] is null)
            {
                return Fail($"{prefix}to[{i}]: expected a string (got null)", out error);
            }
        }

        var priority = Core.Messages.Priority.Normal;
        if (Priority is not null && !WireNames.TryParsePriority(Priority, out priority))
        {
            return Fail($"{prefix}priority: expected {WireNames.PriorityChoices} (got '{Priority}')", out error);
        }

        var messageClass = MessageClass.Ipm;
        if (Class is not null && !WireNames.TryParseClass(Class, out messageClass))
        {
            return Fail($"{prefix}class: expected {WireNames.ClassChoices} (got '{Class}')", out error);
        }

        if (SizeBytes < 0)
        {
            return Fail($"{prefix}sizeBytes: {SubmissionParser.SizeExpectation} (got {SizeBytes})", out error);
        }

        draft = new MessageDraft
        {
            From = From,
            To = [.. To.Select(address => address!)],
            Priority = priority,
            Class = messageClass,
            Subject = Subject ?? "",
            Body = Body ?? "",
            SizeBytes = SizeBytes,
            DeferredUntil = DeferredUntil,
            ExpiresAt = ExpiresAt,
            Id = Id,
        };
        error = null;
        return true;
    }

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}
