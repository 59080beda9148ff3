using System.Collections.Immutable;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Routing;

/// <summary>
/// The gateway address routing table: every link's address spaces, indexed for fast lookup
/// (the benchmark holds 10,000 spaces). Pure and immutable; rebuilt when the topology changes.
/// </summary>
public sealed class RoutingTable
{
    public RoutingTable(IEnumerable<LinkRoute> routes) => throw new NotImplementedException("helper A");

    /// <summary>
    /// Every link with an address space matching <paramref name="address"/>, each link once (its best space),
    /// best first: highest specificity, then lowest cost, then link name (for a stable order).
    /// Empty when nothing matches.
    /// </summary>
    public ImmutableArray<RouteCandidate> Candidates(Address address) => throw new NotImplementedException("helper A");
}
