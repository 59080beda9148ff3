using System.Collections.Immutable;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Routing;

/// <summary>
/// The gateway address routing table: every link's address spaces, indexed for fast lookup
/// (the benchmark holds 10,000 spaces). Pure and immutable; rebuilt when the topology changes.
/// SMTP spaces are indexed by domain and parent domain, X.400 spaces by pinned country and organisation,
/// Exchange DN spaces by subtree; a lookup allocates only its answer.
/// </summary>
public sealed class RoutingTable
{
    private readonly SmtpRouteIndex _smtp;
    private readonly X400RouteIndex _x400;
    private readonly ExchangeDnRouteIndex _exchangeDn;

    public RoutingTable(IEnumerable<LinkRoute> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        Routes = [.. routes];
        foreach (var route in Routes)
        {
            ArgumentNullException.ThrowIfNull(route, nameof(routes));
            ArgumentException.ThrowIfNullOrWhiteSpace(route.Link, nameof(routes));
            ArgumentNullException.ThrowIfNull(route.Space, nameof(routes));
        }

        var byType = Routes.ToLookup(route => route.Space.Type, RouteEntry.From);
        _smtp = new SmtpRouteIndex([.. byType[AddressType.Smtp]]);
        _x400 = new X400RouteIndex([.. byType[AddressType.X400]]);
        _exchangeDn = new ExchangeDnRouteIndex([.. byType[AddressType.ExchangeDn]]);
    }

    /// <summary>An empty table: every remote address gets <see cref="RouteChoice.NoRoute"/>.</summary>
    public static RoutingTable Empty { get; } = new([]);

    /// <summary>The rows the table was built from, in the order given.</summary>
    public ImmutableArray<LinkRoute> Routes { get; }

    /// <summary>
    /// Every link with an address space matching <paramref name="address"/>, each link once (its best space),
    /// best first: highest specificity, then lowest cost, then link name (for a stable order).
    /// Empty when nothing matches.
    /// </summary>
    public ImmutableArray<RouteCandidate> Candidates(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var buffer = new CandidateBuffer();
        try
        {
            switch (address.Type)
            {
                case AddressType.Smtp:
                    _smtp.Collect(address, ref buffer);
                    break;
                case AddressType.X400:
                    _x400.Collect(address, ref buffer);
                    break;
                case AddressType.ExchangeDn:
                    _exchangeDn.Collect(address, ref buffer);
                    break;
                default:
                    return [];
            }

            return buffer.BestPerLink();
        }
        finally
        {
            buffer.Dispose();
        }
    }
}
