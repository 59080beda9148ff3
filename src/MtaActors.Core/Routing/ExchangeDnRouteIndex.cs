using System.Collections.Frozen;
using System.Collections.Immutable;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Routing;

/// <summary>
/// Exchange DN spaces indexed by the subtree they claim; a lookup probes each leading run of the address's components
/// (<c>/O=A</c>, <c>/O=A/OU=B</c>, ...), and every space found that way matches without further checks.
/// </summary>
internal sealed class ExchangeDnRouteIndex
{
    private readonly FrozenDictionary<string, ImmutableArray<RouteEntry>>.AlternateLookup<ReadOnlySpan<char>> _bySubtree;
    private readonly ImmutableArray<RouteEntry> _everything;

    public ExchangeDnRouteIndex(IReadOnlyCollection<RouteEntry> entries)
    {
        var rows = entries.Select(entry => (((ExchangeDnPattern)entry.Space.Matcher).Prefix, entry)).ToList();
        _bySubtree = RouteBuckets.Group(rows.Where(row => row.Prefix.Length > 0), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _everything = [.. rows.Where(row => row.Prefix.Length == 0).Select(row => row.entry)];
    }

    public void Collect(Address address, ref CandidateBuffer buffer)
    {
        var dn = address.Value;
        for (var slash = dn.IndexOf('/', 1); ; slash = dn.IndexOf('/', slash + 1))
        {
            var subtree = slash < 0 ? dn.AsSpan() : dn.AsSpan(0, slash);
            if (_bySubtree.TryGetValue(subtree, out var entries))
            {
                buffer.AddAll(entries);
            }

            if (slash < 0)
            {
                break;
            }
        }

        buffer.AddAll(_everything);
    }
}
