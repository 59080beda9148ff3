using System.Collections.Immutable;

namespace MtaActors.Core.Routing;

/// <summary>
/// Picks a link from the candidates: drop links that are not up; take the best remaining group
/// (highest specificity, then lowest cost); share load among equal candidates by <c>spread</c>
/// (any integer, e.g. a counter or a hash of the message id: the choice is <c>group[|spread| mod n]</c>,
/// the group in link-name order). A link that is down makes way for the next best up link, even a less specific one.
/// </summary>
public static class RouteSelector
{
    public static RouteChoice Choose(ImmutableArray<RouteCandidate> candidates, Func<string, bool> isUp, int spread)
    {
        ArgumentNullException.ThrowIfNull(isUp);
        if (candidates.IsDefaultOrEmpty)
        {
            return RouteChoice.NoRoute.Instance;
        }

        var up = candidates.Where(candidate => isUp(candidate.Link)).ToList();
        if (up.Count == 0)
        {
            return new RouteChoice.AllRoutesDown([.. candidates.Select(candidate => candidate.Link).Distinct(StringComparer.Ordinal)]);
        }

        var specificity = up.Max(candidate => candidate.Specificity);
        var cost = up.Where(candidate => candidate.Specificity == specificity).Min(candidate => candidate.Cost);
        var group = up
            .Where(candidate => candidate.Specificity == specificity && candidate.Cost == cost)
            .Select(candidate => candidate.Link)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        // |int.MinValue| does not fit an int, so take the magnitude as a long.
        var index = (int)(Math.Abs((long)spread) % group.Count);
        return new RouteChoice.ViaLink(group[index]);
    }
}
