using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MtaActors.Engine.Gateway;

namespace MtaActors.Host.Api;

/// <summary>
/// The MTA as a whole: <c>GET /api/mta</c> (disabled or not, which links are held), <c>POST /api/mta/disable</c>
/// with an optional <c>{"reason": "..."}</c>, and <c>POST /api/mta/enable</c>. Disabling suspends every outbound link
/// (journaled, so it survives a restart); the local store keeps delivering local mail.
/// </summary>
internal sealed class MtaEndpoints(GatewayHolder holder)
{
    public const string DefaultReason = "disabled by an operator";

    public Task GetAsync(HttpContext context)
        => WithGateway(context, gateway => AdminEndpoints.WriteAsync(context, StatusCodes.Status200OK, gateway.Administration, ApiJsonContext.Default.MtaAdministrationStatus));

    public Task DisableAsync(HttpContext context)
        => WithGateway(context, async gateway =>
        {
            var (reason, error) = await ReadReasonAsync(context);
            if (error is not null)
            {
                await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, error);
                return;
            }

            await AnswerAsync(context, gateway.DisableAsync(reason ?? DefaultReason, context.RequestAborted));
        });

    public Task EnableAsync(HttpContext context)
        => WithGateway(context, gateway => AnswerAsync(context, gateway.EnableAsync(context.RequestAborted)));

    private static async Task AnswerAsync(HttpContext context, Task<MtaAdministrationStatus> change)
    {
        try
        {
            await AdminEndpoints.WriteAsync(context, StatusCodes.Status200OK, await change, ApiJsonContext.Default.MtaAdministrationStatus);
        }
        catch (MtaUnavailableException e)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.OneLine(e.Message));
        }
    }

    /// <summary>The body is optional; when present it is <c>{"reason": "..."}</c> and nothing else.</summary>
    private static async Task<(string? Reason, string? Error)> ReadReasonAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "body: expected an object like {\"reason\": \"maintenance\"}");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name != "reason")
                {
                    return (null, $"{property.Name}: unknown field (expected reason)");
                }

                if (property.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(property.Value.GetString()))
                {
                    return (null, "reason: expected a non-empty string");
                }
            }

            return (root.TryGetProperty("reason", out var reason) ? reason.GetString() : null, null);
        }
        catch (JsonException e)
        {
            return (null, $"body: malformed JSON: {AdminEndpoints.OneLine(e.Message)}");
        }
    }

    private Task WithGateway(HttpContext context, Func<IMtaGateway, Task> handle)
        => holder.Gateway is { } gateway
            ? handle(gateway)
            : AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.StartingReason);
}
