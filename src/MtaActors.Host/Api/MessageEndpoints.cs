using Microsoft.AspNetCore.Http;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Queues;

namespace MtaActors.Host.Api;

/// <summary>
/// Operations on one message wherever it waits (Exchange Queue Viewer, Postfix <c>postsuper</c>):
/// <c>POST /api/messages/{id}/hold|release|requeue</c> and <c>DELETE /api/messages/{id}?ndr=true|false</c>.
/// 200 when some queue did it, 404 when no queue holds the message, 409 when the queues that hold it refused (the reason
/// names each), 503 when a queue did not answer.
/// </summary>
internal sealed class MessageEndpoints(GatewayHolder holder)
{
    public Task HoldAsync(HttpContext context) => OperateAsync(context, MessageAction.Hold, report: false);

    public Task ReleaseAsync(HttpContext context) => OperateAsync(context, MessageAction.Release, report: false);

    public Task RequeueAsync(HttpContext context) => OperateAsync(context, MessageAction.Requeue, report: false);

    public Task RemoveAsync(HttpContext context)
    {
        var ndr = context.Request.Query["ndr"].ToString();
        if (ndr is not ("" or "true" or "false"))
        {
            return AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, $"ndr: expected true or false (got '{ndr}')");
        }

        return OperateAsync(context, MessageAction.Remove, report: ndr == "true");
    }

    private async Task OperateAsync(HttpContext context, MessageAction action, bool report)
    {
        if (holder.Gateway is not { } gateway)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.StartingReason);
            return;
        }

        var id = context.Request.RouteValues["id"] as string ?? "";
        try
        {
            var done = await gateway.OperateOnMessageAsync(id, action, report, context.RequestAborted);
            if (!done.Found)
            {
                await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status404NotFound, $"no queue holds message '{id}'");
            }
            else if (!done.Done)
            {
                var reasons = string.Join("; ", done.Queues.Select(q => $"{q.Queue}: {q.Detail}"));
                await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status409Conflict, $"cannot {MessageOperationReply.ActionName(action)} message '{id}': {reasons}");
            }
            else
            {
                await AdminEndpoints.WriteAsync(context, StatusCodes.Status200OK, MessageOperationReply.Of(done), ApiJsonContext.Default.MessageOperationReply);
            }
        }
        catch (MtaUnavailableException e)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, AdminEndpoints.OneLine(e.Message));
        }
    }
}
