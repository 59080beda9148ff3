using System.Collections.Immutable;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Routing;

/// <summary>
/// This server's recipients: mailboxes, distribution lists, and the address spaces that are local
/// (an address in them that matches no mailbox or list is unknown, not remote).
/// Every address belongs to at most one mailbox or list.
/// </summary>
public sealed class LocalDirectory
{
    private const string LocalLink = "local";

    private readonly Dictionary<Address, LocalMailbox> _mailboxByAddress = [];
    private readonly Dictionary<Address, DistributionList> _listByAddress = [];
    private readonly RoutingTable _localSpaces;

    /// <exception cref="ArgumentException">An address is invalid or belongs to two mailboxes or lists.</exception>
    public LocalDirectory(IEnumerable<LocalMailbox> mailboxes, IEnumerable<DistributionList> lists, IEnumerable<AddressSpace> localSpaces)
    {
        ArgumentNullException.ThrowIfNull(mailboxes);
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(localSpaces);
        Mailboxes = [.. mailboxes];
        Lists = [.. lists];
        LocalSpaces = [.. localSpaces];

        var owners = new Dictionary<Address, string>();
        foreach (var mailbox in Mailboxes)
        {
            foreach (var address in (mailbox.Addresses.IsDefault ? [] : mailbox.Addresses).Distinct())
            {
                Claim(owners, address, $"mailbox '{mailbox.Name}'");
                _mailboxByAddress[address] = mailbox;
            }
        }

        foreach (var list in Lists)
        {
            Claim(owners, list.Address, $"list '{list.Name}'");
            _listByAddress[list.Address] = list;
        }

        _localSpaces = new RoutingTable(LocalSpaces.Select(space => new LinkRoute(LocalLink, space)));
    }

    public ImmutableArray<LocalMailbox> Mailboxes { get; }
    public ImmutableArray<DistributionList> Lists { get; }
    public ImmutableArray<AddressSpace> LocalSpaces { get; }

    public LocalResolution Resolve(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (_mailboxByAddress.TryGetValue(address, out var mailbox))
        {
            return new LocalResolution.Mailbox(mailbox);
        }

        if (_listByAddress.TryGetValue(address, out var list))
        {
            return new LocalResolution.List(list);
        }

        return _localSpaces.Candidates(address).IsEmpty ? LocalResolution.NotLocal.Instance : LocalResolution.Unknown.Instance;
    }

    /// <summary>
    /// The flattened, de-duplicated non-list members of a list, expanding nested lists; a list that contains itself
    /// (directly or not) is expanded once. Members are kept in first-seen order (depth first); two addresses of one
    /// mailbox count as one member, so nobody receives a message twice through a list.
    /// </summary>
    public ImmutableArray<Address> Expand(DistributionList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var result = ImmutableArray.CreateBuilder<Address>();
        var expanded = new HashSet<Address> { list.Address };
        var seenAddresses = new HashSet<Address>();
        var seenMailboxes = new HashSet<LocalMailbox>(ReferenceEqualityComparer.Instance);

        // An explicit stack instead of recursion: list nesting comes from configuration and has no depth limit.
        var pending = new Stack<(ImmutableArray<Address> Members, int Next)>();
        pending.Push((Members(list), 0));
        while (pending.TryPop(out var frame))
        {
            if (frame.Next >= frame.Members.Length)
            {
                continue;
            }

            var member = frame.Members[frame.Next];
            pending.Push((frame.Members, frame.Next + 1));
            if (_listByAddress.TryGetValue(member, out var nested))
            {
                if (expanded.Add(member))
                {
                    pending.Push((Members(nested), 0));
                }
            }
            else if (_mailboxByAddress.TryGetValue(member, out var mailbox)
                         ? seenMailboxes.Add(mailbox) && seenAddresses.Add(member)
                         : seenAddresses.Add(member))
            {
                result.Add(member);
            }
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<Address> Members(DistributionList list) => list.Members.IsDefault ? [] : list.Members;

    private static void Claim(Dictionary<Address, string> owners, Address address, string owner)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!address.IsValid)
        {
            throw new ArgumentException($"{owner}: address '{address.Value}' is invalid: {address.Error}");
        }

        // A mailbox's own repeats are dropped before this, so any second claim is a conflict.
        if (!owners.TryAdd(address, owner))
        {
            throw new ArgumentException($"address '{address}' belongs to both {owners[address]} and {owner}");
        }
    }
}
