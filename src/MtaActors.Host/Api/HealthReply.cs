namespace MtaActors.Host.Api;

/// <summary>The body of <c>GET /health</c>: <c>ok</c> once the engine accepts mail, <c>starting</c> before.</summary>
public sealed record HealthReply(string Status);
