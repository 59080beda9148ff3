using MtaActors.Core.Addressing;

namespace MtaActors.Core.Routing;

/// <summary>One row of the routing table: a link and one of its address spaces.</summary>
public sealed record LinkRoute(string Link, AddressSpace Space);
