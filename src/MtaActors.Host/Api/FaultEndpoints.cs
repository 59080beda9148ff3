using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Gateway;

namespace MtaActors.Host.Api;

/// <summary>
/// The fault switchboard over HTTP: list, set and clear injected faults per link, and read or give the seed of its
/// random draws. A fault set here takes effect on the link's next transfer; a restart clears it unless it was set with
/// <c>"persist": true</c>, which the daemon keeps in its data folder (<see cref="PersistedFaultFile"/>) and sets again at start.
/// </summary>
internal sealed class FaultEndpoints(GatewayHolder holder)
{
    private static readonly Dictionary<string, string> SeedExpectation = new() { ["seed"] = "expected a whole number" };

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

    /// <summary><c>GET /api/faults/seed</c>: <c>{"seed": N}</c>, the seed every random fault decision is drawn from.</summary>
    public Task SeedAsync(HttpContext context)
        => holder.Gateway is { } gateway
            ? WriteNodeAsync(context, StatusCodes.Status200OK, SeedJson(gateway.Faults))
            : AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.StartingReason);

    /// <summary><c>PUT /api/faults/seed</c> <c>{"seed": N}</c>: every link's draws start again from that seed, to replay a run.</summary>
    public async Task ReseedAsync(HttpContext context)
    {
        if (holder.Gateway is not { } gateway)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.StartingReason);
            return;
        }

        var (answered, request) = await RequestBody.ReadJsonAsync(context, AdminRequestJsonContext.Default.FaultSeedContract, expectations: SeedExpectation);
        if (answered)
        {
            return;
        }

        if (request!.Seed is < 0 or > int.MaxValue)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"seed: must be a whole number from 0 to {int.MaxValue} (got {request.Seed})");
            return;
        }

        gateway.Faults.Reseed((int)request.Seed);
        await WriteNodeAsync(context, StatusCodes.Status200OK, SeedJson(gateway.Faults));
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

            gateway.Faults.Set(link, fault);
            await SaveAndAnswerAsync(context, gateway, link);
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
            return SaveAndAnswerAsync(context, gateway, link);
        });

    /// <summary>
    /// Writes the persisted faults before answering, so a 200 means a <c>"persist": true</c> fault (or its clearing)
    /// survives a kill. Not cancelled with the request: a write begun is finished, and the file is small.
    /// </summary>
    private static async Task SaveAndAnswerAsync(HttpContext context, IMtaGateway gateway, string link)
    {
        try
        {
            await gateway.Faults.SavePersistedAsync(CancellationToken.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"the fault is set but could not be persisted: {AdminEndpoints.OneLine(e.Message)}");
            return;
        }

        await WriteNodeAsync(context, StatusCodes.Status200OK, ToJson(gateway.Faults.Get(link)));
    }

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

    private static JsonObject SeedJson(FaultSwitchboard faults) => new() { ["seed"] = faults.Seed };

    private static JsonArray ToJson(IEnumerable<FaultSpec> faults)
        => [.. faults.Select(fault => (JsonNode)FaultSpecJson.ToJson(fault))];

    private static Task WriteNodeAsync(HttpContext context, int status, JsonNode node)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return context.Response.WriteAsync(node.ToJsonString(), context.RequestAborted);
    }
}
