using System.Collections.Frozen;
using System.Collections.Immutable;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Routing;

/// <summary>
/// SMTP spaces indexed so a lookup costs one probe per domain label: one-address spaces by address, domain spaces by
/// domain, subdomain spaces by parent domain (probed with each proper suffix of the address's domain), and
/// <c>*</c> spaces in a short list.
/// </summary>
internal sealed class SmtpRouteIndex
{
    private readonly FrozenDictionary<string, ImmutableArray<RouteEntry>> _mailboxes;
    private readonly FrozenDictionary<string, ImmutableArray<RouteEntry>>.AlternateLookup<ReadOnlySpan<char>> _domains;
    private readonly FrozenDictionary<string, ImmutableArray<RouteEntry>>.AlternateLookup<ReadOnlySpan<char>> _subdomains;
    private readonly ImmutableArray<RouteEntry> _everything;

    public SmtpRouteIndex(IReadOnlyCollection<RouteEntry> entries)
    {
        IEnumerable<(string, RouteEntry)> Keyed(SmtpPatternKind kind, Func<SmtpPattern, string> key)
            => entries
                .Select(entry => (Pattern: (SmtpPattern)entry.Space.Matcher, Entry: entry))
                .Where(row => row.Pattern.Kind == kind)
                .Select(row => (key(row.Pattern), row.Entry));

        _mailboxes = RouteBuckets.Group(Keyed(SmtpPatternKind.Mailbox, pattern => pattern.Mailbox!), StringComparer.Ordinal);
        _domains = RouteBuckets.Group(Keyed(SmtpPatternKind.Domain, pattern => pattern.Domain), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _subdomains = RouteBuckets.Group(Keyed(SmtpPatternKind.Subdomains, pattern => pattern.Domain), StringComparer.Ordinal)
            .GetAlternateLookup<ReadOnlySpan<char>>();
        _everything = [.. Keyed(SmtpPatternKind.Everything, _ => "").Select(row => row.Item2)];
    }

    public void Collect(Address address, ref CandidateBuffer buffer)
    {
        var value = address.Value;
        if (_mailboxes.TryGetValue(value, out var mailboxes))
        {
            buffer.AddAll(mailboxes);
        }

        var domain = value.AsSpan(value.IndexOf('@', StringComparison.Ordinal) + 1);
        if (_domains.TryGetValue(domain, out var domains))
        {
            buffer.AddAll(domains);
        }

        for (var dot = domain.IndexOf('.'); dot >= 0; dot = domain.IndexOf('.'))
        {
            domain = domain[(dot + 1)..];
            if (_subdomains.TryGetValue(domain, out var parents))
            {
                buffer.AddAll(parents);
            }
        }

        buffer.AddAll(_everything);
    }
}
