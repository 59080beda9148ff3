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

    private static readonly DisableContract NoReason = new();

    private static readonly Dictionary<string, string> ReasonExpectation = new() { ["reason"] = "expected a non-empty string" };

    public Task GetAsync(HttpContext context)
        => WithGateway(context, gateway => AdminEndpoints.WriteAsync(context, StatusCodes.Status200OK, gateway.Administration, ApiJsonContext.Default.MtaAdministrationStatus));

    public Task DisableAsync(HttpContext context)
        => WithGateway(context, async gateway =>
        {
            var (answered, request) = await RequestBody.ReadJsonAsync(context, AdminRequestJsonContext.Default.DisableContract, empty: NoReason, ReasonExpectation);
            if (answered)
            {
                return;
            }

            if (request!.Reason is { } reason && string.IsNullOrWhiteSpace(reason))
            {
                await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "reason: expected a non-empty string");
                return;
            }

            await AnswerAsync(context, gateway.DisableAsync(request.Reason ?? DefaultReason, context.RequestAborted));
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

    private Task WithGateway(HttpContext context, Func<IMtaGateway, Task> handle)
        => holder.Gateway is { } gateway
            ? handle(gateway)
            : AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.StartingReason);
}
