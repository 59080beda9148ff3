using System.Collections.Immutable;
using MtaActors.Core.Addressing;
using MtaActors.Core.Routing;

namespace MtaActors.Core.Tests.Routing;

/// <summary>The routing table's contract computed the slow, obvious way: test every space, keep each link's best.</summary>
internal static class RoutingOracle
{
    public static ImmutableArray<RouteCandidate> Candidates(IEnumerable<LinkRoute> routes, Address address)
        => [.. routes
            .Where(route => route.Space.Matches(address))
            .GroupBy(route => route.Link, StringComparer.Ordinal)
            .Select(group => group
                .Select(route => new RouteCandidate(route.Link, route.Space.Specificity, route.Space.Cost))
                .OrderByDescending(candidate => candidate.Specificity)
                .ThenBy(candidate => candidate.Cost)
                .First())
            .OrderByDescending(candidate => candidate.Specificity)
            .ThenBy(candidate => candidate.Cost)
            .ThenBy(candidate => candidate.Link, StringComparer.Ordinal)];
}
