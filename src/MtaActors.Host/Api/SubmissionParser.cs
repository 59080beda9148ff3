using System.Collections.Immutable;
using System.Text.Json;
using MtaActors.Core.Messages;

namespace MtaActors.Host.Api;

/// <summary>
/// Reads submission bodies into <see cref="MessageDraft"/>s by hand, so that every error names its field
/// (<c>priority: expected urgent, normal or non-urgent</c>, or <c>[3].from: ...</c> inside a batch).
/// Address syntax is left to <see cref="MessageFactory"/>: a bad originator is refused there, a bad recipient
/// is accepted and later answered with a non-delivery report.
/// </summary>
public static class SubmissionParser
{
    /// <summary>The most messages one batch request may carry.</summary>
    public const int MaxBatchSize = 10_000;

    public static bool TryParseMessage(JsonElement json, out MessageDraft? draft, out string? error)
        => TryParseMessage(json, "", out draft, out error);

    public static bool TryParseBatch(JsonElement json, out ImmutableArray<MessageDraft> drafts, out string? error)
    {
        drafts = default;
        if (json.ValueKind != JsonValueKind.Array)
        {
            error = "body: expected an array of messages";
            return false;
        }

        var count = json.GetArrayLength();
        if (count == 0)
        {
            error = "body: at least one message is required";
            return false;
        }

        if (count > MaxBatchSize)
        {
            error = $"body: at most {MaxBatchSize} messages per request (got {count})";
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<MessageDraft>(count);
        var index = 0;
        foreach (var item in json.EnumerateArray())
        {
            if (!TryParseMessage(item, $"[{index}].", out var draft, out error))
            {
                return false;
            }

            builder.Add(draft!);
            index++;
        }

        drafts = builder.MoveToImmutable();
        error = null;
        return true;
    }

    private static bool TryParseMessage(JsonElement json, string prefix, out MessageDraft? draft, out string? error)
    {
        draft = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = $"{(prefix.Length == 0 ? "body" : prefix.TrimEnd('.'))}: expected a message object";
            return false;
        }

        string? from = null;
        var to = default(ImmutableArray<string>);
        var priority = Priority.Normal;
        var messageClass = MessageClass.Ipm;
        string? subject = null, body = null, id = null;
        long? sizeBytes = null;
        DateTimeOffset? deferredUntil = null, expiresAt = null;

        foreach (var property in json.EnumerateObject())
        {
            var field = prefix + property.Name;
            var value = property.Value;
            var ok = property.Name switch
            {
                "from" => TryReadString(value, field, required: true, out from, out error),
                "to" => TryReadRecipients(value, field, out to, out error),
                "priority" => TryReadChoice(value, field, WireNames.TryParsePriority, WireNames.PriorityChoices, ref priority, out error),
                "class" => TryReadChoice(value, field, WireNames.TryParseClass, WireNames.ClassChoices, ref messageClass, out error),
                "subject" => TryReadString(value, field, required: false, out subject, out error),
                "body" => TryReadString(value, field, required: false, out body, out error),
                "id" => TryReadString(value, field, required: false, out id, out error),
                "sizeBytes" => TryReadSize(value, field, out sizeBytes, out error),
                "deferredUntil" => TryReadTime(value, field, out deferredUntil, out error),
                "expiresAt" => TryReadTime(value, field, out expiresAt, out error),
                _ => Fail($"{field}: unknown field", out error),
            };
            if (!ok)
            {
                return false;
            }
        }

        if (from is null)
        {
            return Fail($"{prefix}from: required", out error);
        }

        if (to.IsDefault)
        {
            return Fail($"{prefix}to: required", out error);
        }

        if (to.IsEmpty)
        {
            return Fail($"{prefix}to: at least one recipient is required", out error);
        }

        draft = new MessageDraft
        {
            From = from,
            To = to,
            Priority = priority,
            Class = messageClass,
            Subject = subject ?? "",
            Body = body ?? "",
            SizeBytes = sizeBytes,
            DeferredUntil = deferredUntil,
            ExpiresAt = expiresAt,
            Id = id,
        };
        error = null;
        return true;
    }

    private static bool TryReadString(JsonElement value, string field, bool required, out string? text, out string? error)
    {
        text = null;
        error = null;
        return value.ValueKind switch
        {
            JsonValueKind.String => (text = value.GetString()) is not null,
            JsonValueKind.Null when !required => true,
            _ => Fail($"{field}: expected a string", out error),
        };
    }

    private static bool TryReadRecipients(JsonElement value, string field, out ImmutableArray<string> recipients, out string? error)
    {
        recipients = default;
        if (value.ValueKind != JsonValueKind.Array)
        {
            return Fail($"{field}: expected an array of addresses", out error);
        }

        var builder = ImmutableArray.CreateBuilder<string>(value.GetArrayLength());
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return Fail($"{field}[{index}]: expected a string", out error);
            }

            builder.Add(item.GetString()!);
            index++;
        }

        recipients = builder.MoveToImmutable();
        error = null;
        return true;
    }

    private delegate bool ChoiceParser<T>(string? text, out T value);

    private static bool TryReadChoice<T>(JsonElement value, string field, ChoiceParser<T> parse, string choices, ref T result, out string? error)
    {
        error = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && parse(value.GetString(), out var parsed))
        {
            result = parsed;
            return true;
        }

        return Fail($"{field}: expected {choices}", out error);
    }

    private static bool TryReadSize(JsonElement value, string field, out long? size, out string? error)
    {
        size = null;
        error = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var bytes) && bytes >= 0)
        {
            size = bytes;
            return true;
        }

        return Fail($"{field}: expected a whole number of bytes, 0 or more", out error);
    }

    private static bool TryReadTime(JsonElement value, string field, out DateTimeOffset? time, out string? error)
    {
        time = null;
        error = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var parsed))
        {
            time = parsed;
            return true;
        }

        return Fail($"{field}: expected an ISO 8601 date-time such as 2025-01-31T12:00:00Z", out error);
    }

    private static bool Fail(string reason, out string? error)
    {
        error = reason;
        return false;
    }
}
