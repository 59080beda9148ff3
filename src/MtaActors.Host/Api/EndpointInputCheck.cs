using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace MtaActors.Host.Api;

/// <summary>
/// The one place where a request's query parameters and body are held against what its endpoint declared
/// (<see cref="EndpointInput"/>): an unknown or repeated parameter, or a body sent to an endpoint that reads none, is a 400
/// naming it, before any handler runs. Requests that matched no endpoint pass on to be answered 404 or 405.
/// </summary>
internal static class EndpointInputCheck
{
    public static async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (context.GetEndpoint() is not { } endpoint || endpoint.RequestDelegate is null || IsRejection(endpoint))
        {
            await next(context);
            return;
        }

        var input = endpoint.Metadata.GetMetadata<EndpointInput>() ?? EndpointInput.Nothing;
        if (Problem(context.Request, input) is { } problem)
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, problem);
            return;
        }

        await next(context);
    }

    private static string? Problem(HttpRequest request, EndpointInput input)
    {
        foreach (var (name, values) in request.Query)
        {
            if (!input.Query.Contains(name, StringComparer.Ordinal))
            {
                var expected = input.Query.IsEmpty ? "this endpoint takes no parameters" : $"expected {string.Join(", ", input.Query)}";
                return $"{(name.Length == 0 ? "''" : name)}: unknown parameter ({expected})";
            }

            if (values.Count > 1)
            {
                return $"{name}: given more than once";
            }
        }

        var hasBody = request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true && request.ContentLength != 0;
        return hasBody && !input.Body ? "body: this endpoint takes no body" : null;
    }

    /// <summary>Routing's own endpoint for a path whose methods do not include the request's (it answers 405).</summary>
    private static bool IsRejection(Endpoint endpoint)
        => endpoint.DisplayName?.StartsWith("405 ", StringComparison.Ordinal) == true;
}
