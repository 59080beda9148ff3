using System.Net;

namespace MtaActors.Host.Client;

/// <summary>
/// The daemon answered, but not with success: the HTTP status and the API's one-line <c>{"error"}</c> reason (or, when
/// the body carries none, a line naming the status). The message is the reason, so a command can print it as it is.
/// </summary>
internal sealed class AdminApiException(HttpStatusCode status, string reason) : Exception(reason)
{
    public HttpStatusCode Status { get; } = status;

    public string Reason { get; } = reason;
}
