using System.Collections.Frozen;
using System.Collections.Immutable;

namespace MtaActors.Core.Routing;

/// <summary>Groups routing-table rows under index keys into read-optimised dictionaries.</summary>
internal static class RouteBuckets
{
    public static FrozenDictionary<TKey, ImmutableArray<RouteEntry>> Group<TKey>(IEnumerable<(TKey Key, RouteEntry Entry)> rows, IEqualityComparer<TKey> comparer)
        where TKey : notnull
        => rows
            .GroupBy(row => row.Key, row => row.Entry, comparer)
            .ToFrozenDictionary(group => group.Key, group => group.ToImmutableArray(), comparer);
}
