using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;
using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;

namespace MtaActors.Host.Api;

/// <summary>
/// <c>POST /api/purge {"classes": ["directory-replication", "public-folder-replication", "link-monitor"], "dryRun": false}</c>:
/// the three system classes of <c>mtacheck /rd /rp /rl</c>, removed from every queue (or only listed, dry run).
/// Answers <see cref="PurgeReply"/>. Only system classes may be purged: user mail is never removed in bulk.
/// </summary>
internal sealed class PurgeEndpoints(GatewayHolder holder)
{
    public static readonly ImmutableArray<MessageClass> Purgeable = [MessageClass.DirectoryReplication, MessageClass.PublicFolderReplication, MessageClass.LinkMonitor];

    public async Task PurgeAsync(HttpContext context)
    {
        if (holder.Gateway is not { } gateway)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.StartingReason);
            return;
        }

        var (answered, request) = await RequestBody.ReadJsonAsync(context, AdminRequestJsonContext.Default.PurgeContract);
        if (answered)
        {
            return;
        }

        if (!TryRead(request!, out var classes, out var error))
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, error);
            return;
        }

        try
        {
            var report = await gateway.PurgeAsync(classes, request!.DryRun ?? false, context.RequestAborted);
            await AdminEndpoints.WriteAsync(context, StatusCodes.Status200OK, PurgeReply.From(report), ApiJsonContext.Default.PurgeReply);
        }
        catch (MtaUnavailableException e)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.OneLine(e.Message));
        }
    }

    /// <summary>The classes to purge: at least one, each a system class; the error names the element.</summary>
    private static bool TryRead(PurgeContract request, out HashSet<MessageClass> classes, [NotNullWhen(false)] out string? error)
    {
        classes = [];
        error = null;
        var given = request.Classes ?? [];
        for (var i = 0; i < given.Count; i++)
        {
            if (!WireNames.TryParseClass(given[i], out var messageClass) || !Purgeable.Contains(messageClass))
            {
                error = $"classes[{i}]: expected one of {Choices} (got {(given[i] is { } text ? $"'{text}'" : "null")})";
                return false;
            }

            classes.Add(messageClass);
        }

        if (classes.Count == 0)
        {
            error = $"classes: required, at least one of {Choices}";
            return false;
        }

        return true;
    }

    private static string Choices => string.Join(", ", Purgeable.Select(WireNames.Of));
}
