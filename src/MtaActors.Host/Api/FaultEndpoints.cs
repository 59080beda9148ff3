using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;

namespace MtaActors.Host.Api;

/// <summary>
/// The fault switchboard over HTTP: list, set and clear injected faults per link. A fault set here takes effect
/// on the link's next transfer; faults are not persisted, so a restart clears them.
/// </summary>
internal sealed class FaultEndpoints(GatewayHolder holder)
{
    /// <summary><c>GET /api/faults</c>: every link that has faults, with them.</summary>
    public Task AllAsync(HttpContext context)
    {
        if (holder.Gateway is not { } gateway)
        {
            return AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.StartingReason);
        }

        var links = new JsonArray();
        foreach (var (link, faults) in gateway.Faults.All().OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase))
        {
            if (!faults.IsEmpty)
            {
                links.Add(new JsonObject { ["link"] = link, ["faults"] = ToJson(faults.Select(active => active.Spec)) });
            }
        }

        return WriteNodeAsync(context, StatusCodes.Status200OK, links);
    }

    /// <summary><c>GET /api/links/{name}/faults</c>.</summary>
    public Task GetAsync(HttpContext context)
        => WithLink(context, (gateway, link) => WriteNodeAsync(context, StatusCodes.Status200OK, ToJson(gateway.Faults.Get(link))));

    /// <summary><c>PUT /api/links/{name}/faults</c>: sets one fault, replacing one of the same kind.</summary>
    public Task SetAsync(HttpContext context)
        => WithLink(context, async (gateway, link) =>
        {
            if (await RequestBody.ReadRequiredAsync(context) is not { } body)
            {
                return;
            }

            if (!FaultSpecJson.TryParse(body, out var fault, out var error, root: "body"))
            {
                await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, error);
                return;
            }

            if (gateway.Faults.Support.Refusal(link, fault.Kind) is { } unsupported)
            {
                await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"body.kind: {unsupported}");
                return;
            }

            gateway.Faults.Set(link, fault);
            await WriteNodeAsync(context, StatusCodes.Status200OK, ToJson(gateway.Faults.Get(link)));
        });

    /// <summary><c>DELETE /api/links/{name}/faults[?kind=K]</c>: clears one kind, or all; answers the faults left.</summary>
    public Task ClearAsync(HttpContext context)
        => WithLink(context, (gateway, link) =>
        {
            var kind = context.Request.Query["kind"].ToString();
            if (kind.Length > 0 && !FaultKinds.IsKnown(kind))
            {
                return AdminEndpoints.WriteErrorAsync(
                    context,
                    StatusCodes.Status400BadRequest,
                    $"kind: unknown fault kind '{kind}' (expected {string.Join(", ", FaultKinds.All)})");
            }

            gateway.Faults.Clear(link, kind.Length > 0 ? kind : null);
            return WriteNodeAsync(context, StatusCodes.Status200OK, ToJson(gateway.Faults.Get(link)));
        });

    private Task WithLink(HttpContext context, Func<IMtaGateway, string, Task> handle)
    {
        if (holder.Gateway is not { } gateway)
        {
            return AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.StartingReason);
        }

        var link = context.Request.RouteValues["name"] as string ?? "";
        return gateway.HasQueue(link)
            ? handle(gateway, link)
            : AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"no link named '{link}'");
    }

    private static JsonArray ToJson(IEnumerable<FaultSpec> faults)
        => [.. faults.Select(fault => (JsonNode)FaultSpecJson.ToJson(fault))];

    private static Task WriteNodeAsync(HttpContext context, int status, JsonNode node)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(node.ToJsonString(), context.RequestAborted);
    }
}
