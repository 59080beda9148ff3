using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace MtaActors.Host.Api;

/// <summary>
/// The admin API's front door, before any endpoint runs, in this order:
/// a <c>Host</c> that does not name this daemon is 400 (DNS rebinding);
/// with a token configured, a request without <c>Authorization: Bearer &lt;token&gt;</c> is 401 (<c>/health</c> excepted,
/// so probes need no secret: it changes nothing and tells only whether the engine accepts mail; and the web console's
/// static files, which hold no data: the page then asks for the token and sends it on every API call);
/// a state-changing request (any method but GET and HEAD) from a foreign <c>Origin</c> is 403, and one with a body or a
/// content type other than <c>application/json</c> is 415. Together these stop what a browser on another site can send
/// without asking (a "simple" text/plain or form POST), which carries a foreign Origin and no JSON content type.
/// </summary>
internal sealed class AdminRequestGuard(AdminAccess access)
{
    public const string HealthPath = "/health";

    /// <summary>The web console's page and its static files (see <c>WebConsole.ConsoleAssets</c>).</summary>
    public const string ConsolePagePath = "/";
    public const string ConsoleFilesPrefix = "/console/";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (Refusal(context) is var (status, reason))
        {
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }

            await AdminEndpoints.WriteErrorAsync(context, status, reason);
            return;
        }

        await next(context);
    }

    /// <summary>What needs no token: the health probe, and GETs of the console's files.</summary>
    private static bool IsPublic(HttpRequest request)
        => request.Path.Equals(HealthPath, StringComparison.Ordinal)
            || ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                && (request.Path.Equals(ConsolePagePath, StringComparison.Ordinal) || request.Path.StartsWithSegments(ConsoleFilesPrefix.TrimEnd('/'), StringComparison.Ordinal)));

    private (int Status, string Reason)? Refusal(HttpContext context)
    {
        var request = context.Request;
        if (!access.AllowsHost(request.Host, context.Connection.LocalPort, request.IsHttps))
        {
            return (StatusCodes.Status400BadRequest, request.Host.HasValue
                ? $"Host: '{request.Host}' does not name this daemon (add it to allowedHosts in the settings to serve it)"
                : "Host: required");
        }

        if (access.RequiresToken && !IsPublic(request) && BearerProblem(request) is { } unauthorized)
        {
            return (StatusCodes.Status401Unauthorized, unauthorized);
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            return null;
        }

        if (OriginProblem(request) is { } forbidden)
        {
            return (StatusCodes.Status403Forbidden, forbidden);
        }

        return ContentTypeProblem(request) is { } unsupported ? (StatusCodes.Status415UnsupportedMediaType, unsupported) : null;
    }

    private string? BearerProblem(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return "Authorization: a bearer token is required (Authorization: Bearer <admin token>)";
        }

        return access.IsToken(header[scheme.Length..].Trim()) ? null : "Authorization: the bearer token is not this daemon's admin token";
    }

    /// <summary>A browser names the page's origin; only this daemon's own (same scheme-less authority as Host) may change state.</summary>
    private static string? OriginProblem(HttpRequest request)
    {
        if (string.Equals(request.Headers["Sec-Fetch-Site"], "cross-site", StringComparison.OrdinalIgnoreCase))
        {
            return "Origin: cross-site requests may not change state";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return null;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            && string.Equals(url.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"Origin: '{origin}' is not this daemon; cross-site requests may not change state";
    }

    /// <summary>JSON only: the types a page may send without asking (text/plain, forms) never change state.</summary>
    private static string? ContentTypeProblem(HttpRequest request)
    {
        var hasBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true && request.ContentLength != 0;
        var given = request.ContentType;
        if (string.IsNullOrEmpty(given))
        {
            return hasBody ? "Content-Type: required, application/json" : null;
        }

        if (MediaTypeHeaderValue.TryParse(given, out var type)
            && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            && (!type.Charset.HasValue || type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return $"Content-Type: expected application/json (got '{given}')";
    }
}
