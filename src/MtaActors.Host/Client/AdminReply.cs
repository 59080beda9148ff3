namespace MtaActors.Host.Client;

/// <summary>
/// A successful answer: the typed reply, and the body exactly as the daemon sent it, which <c>--json</c> prints
/// byte for byte (a contract scripts read).
/// </summary>
internal sealed record AdminReply<T>(T Value, string Json);
