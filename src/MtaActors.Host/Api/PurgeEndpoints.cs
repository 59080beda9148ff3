using System.Collections.Immutable;
using System.Text.Json;
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

        using var document = await AdminEndpoints.ReadJsonAsync(context);
        if (document is null)
        {
            return;
        }

        if (!TryParse(document.RootElement, out var classes, out var dryRun, out var error))
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, error!);
            return;
        }

        try
        {
            var report = await gateway.PurgeAsync(classes, dryRun, context.RequestAborted);
            await AdminEndpoints.WriteAsync(context, StatusCodes.Status200OK, PurgeReply.From(report), ApiJsonContext.Default.PurgeReply);
        }
        catch (MtaUnavailableException e)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.OneLine(e.Message));
        }
    }

    private static bool TryParse(JsonElement root, out HashSet<MessageClass> classes, out bool dryRun, out string? error)
    {
        classes = [];
        dryRun = false;
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "body: expected an object like {\"classes\": [\"link-monitor\"], \"dryRun\": true}";
            return false;
        }

        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "classes" when property.Value.ValueKind == JsonValueKind.Array:
                    var i = 0;
                    foreach (var item in property.Value.EnumerateArray())
                    {
                        if (item.ValueKind != JsonValueKind.String || !WireNames.TryParseClass(item.GetString(), out var messageClass) || !Purgeable.Contains(messageClass))
                        {
                            error = $"classes[{i}]: expected one of {string.Join(", ", Purgeable.Select(WireNames.Of))} (got {item.GetRawText()})";
                            return false;
                        }

                        classes.Add(messageClass);
                        i++;
                    }

                    break;
                case "classes":
                    error = "classes: expected an array";
                    return false;
                case "dryRun" when property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                    dryRun = property.Value.GetBoolean();
                    break;
                case "dryRun":
                    error = "dryRun: expected true or false";
                    return false;
                default:
                    error = $"{property.Name}: unknown field (expected classes, dryRun)";
                    return false;
            }
        }

        if (classes.Count == 0)
        {
            error = $"classes: required, at least one of {string.Join(", ", Purgeable.Select(WireNames.Of))}";
            return false;
        }

        return true;
    }
}
