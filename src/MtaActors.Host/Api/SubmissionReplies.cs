using System.Collections.Immutable;
using Microsoft.AspNetCore.Http;
using MtaActors.Engine.Gateway;

namespace MtaActors.Host.Api;

/// <summary>
/// Maps the engine's per-message submission results onto HTTP: 202 when the MTA owns every message (some perhaps as
/// duplicates of an earlier submission of their id), 409 naming the id (and, for a batch, its index) when an id is
/// known with different content; nothing of a refused batch is accepted.
/// </summary>
internal static class SubmissionReplies
{
    public static Task WriteOneAsync(HttpContext context, SubmittedMessage result)
        => result.Owned
            ? AdminEndpoints.WriteAsync(context, StatusCodes.Status202Accepted, new SubmittedReply(result.Id, result.Outcome == SubmissionOutcome.Duplicate), ApiJsonContext.Default.SubmittedReply)
            : AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status409Conflict, result.Reason ?? $"id: '{result.Id}' was not accepted");

    public static Task WriteBatchAsync(HttpContext context, ImmutableArray<SubmittedMessage> results)
    {
        var conflicts = results.Select((r, i) => (Result: r, Index: i)).Where(c => c.Result.Outcome == SubmissionOutcome.Conflict).ToList();
        if (conflicts.Count > 0)
        {
            var (first, index) = conflicts[0];
            var more = conflicts.Count > 1 ? $" (and {conflicts.Count - 1} more conflicting ids)" : "";
            return AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status409Conflict, $"[{index}].{first.Reason}{more}; nothing of this batch was accepted");
        }

        ImmutableArray<int> duplicates = [.. results.Select((r, i) => (r, i)).Where(d => d.r.Outcome == SubmissionOutcome.Duplicate).Select(d => d.i)];
        return AdminEndpoints.WriteAsync(
            context,
            StatusCodes.Status202Accepted,
            new BatchSubmittedReply([.. results.Select(r => r.Id)], duplicates.IsEmpty ? null : duplicates),
            ApiJsonContext.Default.BatchSubmittedReply);
    }
}
