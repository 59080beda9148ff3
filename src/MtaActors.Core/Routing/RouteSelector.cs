using System.Collections.Immutable;

namespace MtaActors.Core.Routing;

/// <summary>
/// Picks a link from the candidates: drop links that are not up; take the best remaining group
/// (highest specificity, then lowest cost); share load among equal candidates by <c>spread</c>
/// (any integer, e.g. a counter or a hash of the message id: the choice is <c>group[spread mod n]</c>).
/// </summary>
public static class RouteSelector
{
    public static RouteChoice Choose(ImmutableArray<RouteCandidate> candidates, Func<string, bool> isUp, int spread)
        => throw new NotImplementedException("helper A");
}
