using MtaActors.Core.Addressing;

namespace MtaActors.Core.Routing;

/// <summary>One indexed row of the routing table: the candidate it yields and the space that decides whether it applies.</summary>
internal readonly record struct RouteEntry(RouteCandidate Candidate, AddressSpace Space)
{
    public static RouteEntry From(LinkRoute route) => new(new RouteCandidate(route.Link, route.Space.Specificity, route.Space.Cost), route.Space);
}
