namespace MtaActors.Host.Client;

/// <summary>The daemon a client talks to: its admin API and the bearer token to send, if any.</summary>
internal sealed record DaemonEndpoint(Uri Address, string? Token);
