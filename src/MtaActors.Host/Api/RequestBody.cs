using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using MtaActors.Core.Json;

namespace MtaActors.Host.Api;

/// <summary>
/// Reads a request body as the bytes that came: nothing decodes them before <see cref="MtaActors.Core.Json.JsonInput"/>
/// has checked they are UTF-8, so a bad byte is a 400 naming its field, never a U+FFFD stored. Kestrel's request body
/// limit bounds the read.
/// </summary>
internal static class RequestBody
{
    /// <summary>The body, or null once the refusal (e.g. 413 for a body over the limit) has been answered.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext context)
    {
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            return buffer.ToArray();
        }
        catch (BadHttpRequestException e)
        {
            await AdminEndpoints.WriteErrorAsync(context, e.StatusCode, $"body: {AdminEndpoints.OneLine(e.Message)}");
            return null;
        }
    }

    /// <summary>
    /// Reads a required body, or answers 400 (<c>body: required</c> for none) and returns null; the caller parses the bytes.
    /// </summary>
    public static async Task<byte[]?> ReadRequiredAsync(HttpContext context)
    {
        var body = await ReadAsync(context);
        if (body is not null && IsEmpty(body))
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "body: required (a JSON document)");
            return null;
        }

        return body;
    }

    /// <summary>
    /// Reads the body as <typeparamref name="T"/> through <see cref="JsonInput"/>. An empty body is <paramref name="empty"/>
    /// when that is given (an optional body), else <c>body: required</c>; <paramref name="expectations"/> words a field's
    /// type error (see <see cref="JsonInput.TryRead{T}(ReadOnlySpan{byte}, JsonTypeInfo{T}, out T, out string, string, IReadOnlyDictionary{string, string}?)"/>). Answers 400 naming the field and returns
    /// <c>Answered</c> when the body is unusable.
    /// </summary>
    public static async Task<(bool Answered, T? Value)> ReadJsonAsync<T>(
        HttpContext context,
        JsonTypeInfo<T> type,
        T? empty = null,
        IReadOnlyDictionary<string, string>? expectations = null)
        where T : class
    {
        var body = empty is null ? await ReadRequiredAsync(context) : await ReadAsync(context);
        if (body is null)
        {
            return (true, null);
        }

        if (empty is not null && IsEmpty(body))
        {
            return (false, empty);
        }

        if (!JsonInput.TryRead(body, type, out var value, out var error, "body", expectations))
        {
            await AdminEndpoints.WriteErrorAsync(context, StatusCodes.Status400BadRequest, error);
            return (true, null);
        }

        return (false, value);
    }

    /// <summary>True for a body of nothing but JSON whitespace: an optional body left out.</summary>
    public static bool IsEmpty(ReadOnlySpan<byte> body) => body.Trim(" \t\r\n"u8).IsEmpty;
}
