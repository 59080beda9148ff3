using System.Buffers;
using System.Collections.Immutable;

namespace MtaActors.Core.Routing;

/// <summary>
/// Scratch space for one routing lookup, rented from the shared array pool so a lookup allocates only its answer.
/// Must be disposed to hand the array back.
/// </summary>
internal struct CandidateBuffer : IDisposable
{
    // Below this many matches a linear scan finds a repeated link faster than hashing does.
    private const int LinearDedupLimit = 16;

    private RouteCandidate[] _items;
    private int _count;

    public CandidateBuffer()
    {
        _items = ArrayPool<RouteCandidate>.Shared.Rent(16);
        _count = 0;
    }

    public void Add(RouteCandidate candidate)
    {
        if (_count == _items.Length)
        {
            var larger = ArrayPool<RouteCandidate>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, _count).CopyTo(larger);
            ArrayPool<RouteCandidate>.Shared.Return(_items, clearArray: true);
            _items = larger;
        }

        _items[_count++] = candidate;
    }

    /// <summary>Adds every entry; the caller guarantees they all match.</summary>
    public void AddAll(ImmutableArray<RouteEntry> entries)
    {
        foreach (var entry in entries)
        {
            Add(entry.Candidate);
        }
    }

    /// <summary>Each link once with its best candidate, ordered by specificity desc, cost asc, link name.</summary>
    public readonly ImmutableArray<RouteCandidate> BestPerLink()
    {
        if (_count == 0)
        {
            return [];
        }

        var span = _items.AsSpan(0, _count);
        span.Sort(static (left, right) => Compare(left, right));

        // After sorting, the first candidate of a link is its best one; later ones are dropped in place.
        HashSet<string>? seen = _count > LinearDedupLimit ? new HashSet<string>(StringComparer.Ordinal) : null;
        var kept = 0;
        foreach (var candidate in span)
        {
            if (seen is not null ? seen.Add(candidate.Link) : !Contains(span[..kept], candidate.Link))
            {
                span[kept++] = candidate;
            }
        }

        return ImmutableArray.Create<RouteCandidate>(span[..kept]);
    }

    public static int Compare(RouteCandidate left, RouteCandidate right)
    {
        var bySpecificity = right.Specificity.CompareTo(left.Specificity);
        if (bySpecificity != 0)
        {
            return bySpecificity;
        }

        var byCost = left.Cost.CompareTo(right.Cost);
        return byCost != 0 ? byCost : string.CompareOrdinal(left.Link, right.Link);
    }

    public void Dispose()
    {
        ArrayPool<RouteCandidate>.Shared.Return(_items, clearArray: true);
        _items = [];
        _count = 0;
    }

    private static bool Contains(ReadOnlySpan<RouteCandidate> kept, string link)
    {
        foreach (var candidate in kept)
        {
            if (string.Equals(candidate.Link, link, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
