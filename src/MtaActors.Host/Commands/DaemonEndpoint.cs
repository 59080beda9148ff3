namespace MtaActors.Host.Commands;

/// <summary>The daemon a client command talks to: its admin API and the bearer token to send, if any.</summary>
internal sealed record DaemonEndpoint(Uri Address, string? Token);
