using System.Net;
using System.Text.Json;

namespace MtaActors.Host.Commands;

/// <summary>What the daemon answered: the status and the raw JSON body, printed as-is under <c>--json</c>.</summary>
internal sealed record ApiReply(HttpStatusCode Status, string Body)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;

    /// <summary>The API's <c>error</c> line, or the status when the body carries none (a proxy's page, say).</summary>
    public string ErrorReason
    {
        get
        {
            try
            {
                using var document = JsonDocument.Parse(Body);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("error", out var error)
                    && error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not the API's JSON: fall back to the status line.
            }

            return $"the daemon answered {(int)Status} {Status}";
        }
    }
}
