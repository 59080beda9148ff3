using System.Collections.Frozen;
using System.Collections.Immutable;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Routing;

/// <summary>
/// X.400 spaces indexed by the country and organisation they pin exactly (the attributes nearly every X.400 address
/// space names); only spaces that pin no exact country are scanned. Candidates from a bucket are still checked
/// against the rest of their pattern.
/// </summary>
internal sealed class X400RouteIndex
{
    private static readonly IEqualityComparer<(string, string)> PairComparer = EqualityComparer<(string, string)>.Default;

    private readonly FrozenDictionary<(string Country, string Organisation), ImmutableArray<RouteEntry>> _byCountryAndOrganisation;
    private readonly FrozenDictionary<string, ImmutableArray<RouteEntry>> _byCountry;
    private readonly ImmutableArray<RouteEntry> _unindexed;

    public X400RouteIndex(IReadOnlyCollection<RouteEntry> entries)
    {
        var rows = entries.Select(entry => (Pattern: (X400Pattern)entry.Space.Matcher, Entry: entry)).ToList();
        _byCountryAndOrganisation = RouteBuckets.Group(
            rows.Where(row => row.Pattern is { PinnedCountry: not null, PinnedOrganisation: not null })
                .Select(row => ((row.Pattern.PinnedCountry!, row.Pattern.PinnedOrganisation!), row.Entry)),
            PairComparer);
        _byCountry = RouteBuckets.Group(
            rows.Where(row => row.Pattern is { PinnedCountry: not null, PinnedOrganisation: null })
                .Select(row => (row.Pattern.PinnedCountry!, row.Entry)),
            StringComparer.Ordinal);
        _unindexed = [.. rows.Where(row => row.Pattern.PinnedCountry is null).Select(row => row.Entry)];
    }

    public void Collect(Address address, ref CandidateBuffer buffer)
    {
        if (address.X400 is not { } attributes)
        {
            return;
        }

        if (attributes.Country is { } country)
        {
            if (attributes.Organisation is { } organisation
                && _byCountryAndOrganisation.TryGetValue((country, organisation), out var pinned))
            {
                AddMatching(pinned, address, ref buffer);
            }

            if (_byCountry.TryGetValue(country, out var national))
            {
                AddMatching(national, address, ref buffer);
            }
        }

        AddMatching(_unindexed, address, ref buffer);
    }

    private static void AddMatching(ImmutableArray<RouteEntry> entries, Address address, ref CandidateBuffer buffer)
    {
        foreach (var entry in entries)
        {
            if (entry.Space.Matches(address))
            {
                buffer.Add(entry.Candidate);
            }
        }
    }
}
