using System.Collections.Frozen;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MtaActors.Host.WebConsole;

/// <summary>
/// The web console: static files embedded in the executable (no CDN, so the daemon works offline), served at
/// <c>GET /</c> and <c>GET /console/{file}</c>. The page holds no data; it reads and drives the admin API like any
/// other client, so the API's own rules (token, Origin, Host) guard everything it does.
/// </summary>
internal static class ConsoleAssets
{
    private const string ResourcePrefix = "console/";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    // Only the page's own scripts, styles and API; never framed by another site.
    private const string ContentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly Assembly Assembly = typeof(ConsoleAssets).Assembly;

    private static readonly FrozenSet<string> Files = Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..])
        .ToFrozenSet(StringComparer.Ordinal);

    public static void MapConsole(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", context => ServeAsync(context, "index.html"));
        endpoints.MapGet("/console/{**file}", (HttpContext context, string file) => ServeAsync(context, file));
    }

    private static async Task ServeAsync(HttpContext context, string file)
    {
        if (!Files.Contains(file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync($$"""{"error":"no console file named '{{System.Text.Encodings.Web.JavaScriptEncoder.Default.Encode(file)}}'"}""", context.RequestAborted);
            return;
        }

        context.Response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(file), "text/plain; charset=utf-8");
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.XFrameOptions = "DENY";
        await using var stream = Assembly.GetManifestResourceStream(ResourcePrefix + file)!;
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
