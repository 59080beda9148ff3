using System.Collections.Immutable;
using MtaActors.Core.Routing;

namespace MtaActors.Core.Topology;

/// <summary>The validated routing topology of this server: who it is, who is local, and its links.</summary>
public sealed record Topology(
    ServerIdentity Server,
    LocalDirectory Directory,
    ImmutableArray<LinkDefinition> Links,
    RoutingSettings Routing)
{
    public RoutingTable BuildRoutingTable()
        => new(Links.SelectMany(link => link.AddressSpaces.Select(space => new LinkRoute(link.Name, space))));

    public LinkDefinition? FindLink(string name)
        => Links.FirstOrDefault(link => string.Equals(link.Name, name, StringComparison.OrdinalIgnoreCase));
}
