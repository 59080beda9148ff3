using System.Text.Json;

namespace MtaActors.Host.Commands;

/// <summary>
/// The shape every client command shares: one bounded call to the daemon, then either the API's JSON as-is
/// (<c>--json</c>) or a readable rendering; an unreachable daemon or an API error becomes one stderr line and exit 1.
/// </summary>
internal static class ApiCall
{
    public static async Task<int> RunAsync(
        CliConsole console,
        DaemonEndpoint daemon,
        bool json,
        Func<AdminClient, CancellationToken, Task<ApiReply>> call,
        Action<JsonElement, TextWriter> render,
        CancellationToken cancellationToken)
    {
        using var client = new AdminClient(daemon);
        ApiReply reply;
        try
        {
            reply = await call(client, cancellationToken);
        }
        catch (DaemonUnreachableException e)
        {
            return console.Fail(e.Message);
        }

        if (!reply.IsSuccess)
        {
            return console.Fail(reply.ErrorReason);
        }

        if (json)
        {
            await console.Out.WriteLineAsync(reply.Body);
            return ExitCodes.Success;
        }

        try
        {
            using var document = JsonDocument.Parse(reply.Body);
            render(document.RootElement, console.Out);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return console.Fail($"unexpected answer from the daemon: {e.Message}");
        }

        return ExitCodes.Success;
    }

    /// <summary>A property as display text: strings as they are, numbers invariant, missing or null as "-".</summary>
    public static string Text(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return "-";
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.True => "yes",
            JsonValueKind.False => "no",
            JsonValueKind.Null or JsonValueKind.Undefined => "-",
            _ => value.GetRawText(),
        };
    }

    public static long Number(JsonElement element, string property)
        => element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : 0;
}
