using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace MtaActors.Host.Api;

/// <summary>
/// Gives a <c>{"error": "..."}</c> body to every error the framework answers without one: 404 for a path no endpoint
/// has, 405 (with routing's <c>Allow</c> header) for a method the path does not take, 400/413 from Kestrel. Handlers
/// write their own bodies; this only fills in the empty ones, so docs/api.md's promise holds for every status.
/// </summary>
internal static class ErrorBodies
{
    public static IApplicationBuilder UseErrorBodies(this IApplicationBuilder app)
        => app.UseStatusCodePages(status => Write(status.HttpContext));

    private static Task Write(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.HasValue ? request.Path.Value : "/";
        var reason = context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"no endpoint at {path} (see docs/api.md)",
            StatusCodes.Status405MethodNotAllowed => $"method {request.Method} is not allowed on {path} (allowed: {context.Response.Headers.Allow})",
            var status => ReasonPhrase(status),
        };
        return AdminEndpoints.WriteErrorAsync(context, context.Response.StatusCode, reason);
    }

    private static string ReasonPhrase(int status)
        => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase
            ? phrase.ToLowerInvariant()
            : $"HTTP {status}";
}
