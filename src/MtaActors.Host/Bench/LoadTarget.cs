using MtaActors.Core.Addressing;

namespace MtaActors.Host.Bench;

/// <summary>One link the load is spread over: the recipient that routes to it and the simulated site that records its mail.</summary>
internal sealed record LoadTarget(int Index, string Link, string Kind, bool Secured, string Site, Address Recipient);
