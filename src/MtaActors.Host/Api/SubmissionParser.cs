using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using MtaActors.Core.Json;
using MtaActors.Core.Messages;

namespace MtaActors.Host.Api;

/// <summary>
/// Reads submission bodies, as the bytes that came, into <see cref="MessageDraft"/>s through the typed
/// <see cref="SubmissionContract"/> and <see cref="JsonInput"/>, so that every error names its field
/// (<c>priority: expected urgent, normal or non-urgent</c>, <c>[3].from: required</c>, <c>subject: invalid UTF-8 ...</c>).
/// </summary>
public static class SubmissionParser
{
    /// <summary>The most messages one batch request may carry.</summary>
    public const int MaxBatchSize = 10_000;

    internal const string SizeExpectation = "expected a whole number of bytes, 0 or more";

    private static readonly FrozenDictionary<string, string> MessageExpectations = Expectations("");

    private static readonly FrozenDictionary<string, string> BatchExpectations = new Dictionary<string, string>(Expectations("[]."))
    {
        [""] = "expected an array of messages",
        ["[]"] = "expected a message object",
    }.ToFrozenDictionary();

    public static bool TryParseMessage(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out MessageDraft? draft, [NotNullWhen(false)] out string? error)
    {
        draft = null;
        return JsonInput.TryRead(utf8, AdminRequestJsonContext.Default.SubmissionContract, out var contract, out error, "body", MessageExpectations)
            && contract.TryToDraft("", out draft, out error);
    }

    public static bool TryParseBatch(ReadOnlySpan<byte> utf8, out ImmutableArray<MessageDraft> drafts, [NotNullWhen(false)] out string? error)
    {
        drafts = default;
        if (!JsonInput.TryRead(utf8, AdminRequestJsonContext.Default.ListSubmissionContract, out var contracts, out error, "body", BatchExpectations))
        {
            return false;
        }

        if (contracts.Count == 0)
        {
            error = "body: at least one message is required";
            return false;
        }

        if (contracts.Count > MaxBatchSize)
        {
            error = $"body: at most {MaxBatchSize} messages per request (got {contracts.Count})";
            return false;
        }

        var builder = ImmutableArray.CreateBuilder<MessageDraft>(contracts.Count);
        for (var i = 0; i < contracts.Count; i++)
        {
            if (contracts[i] is not { } contract)
            {
                error = $"[{i}]: expected a message object (got null)";
                return false;
            }

            if (!contract.TryToDraft($"[{i}].", out var draft, out error))
            {
                return false;
            }

            builder.Add(draft);
        }

        drafts = builder.MoveToImmutable();
        return true;
    }

    /// <summary>How a wrong type is worded per field, keyed as <see cref="JsonInput"/> shapes paths (<c>[].to</c>).</summary>
    private static FrozenDictionary<string, string> Expectations(string prefix) => new Dictionary<string, string>
    {
        [prefix.TrimEnd('.')] = "expected a message object",
        [prefix + "to"] = "expected an array of addresses",
        [prefix + "priority"] = $"expected {WireNames.PriorityChoices}",
        [prefix + "class"] = $"expected {WireNames.ClassChoices}",
        [prefix + "sizeBytes"] = SizeExpectation,
    }.ToFrozenDictionary();
}
