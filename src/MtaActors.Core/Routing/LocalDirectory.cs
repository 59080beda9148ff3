using System.Collections.Immutable;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Routing;

/// <summary>
/// This server's recipients: mailboxes, distribution lists, and the address spaces that are local
/// (an address in them that matches no mailbox or list is unknown, not remote).
/// </summary>
public sealed class LocalDirectory
{
    public LocalDirectory(IEnumerable<LocalMailbox> mailboxes, IEnumerable<DistributionList> lists, IEnumerable<AddressSpace> localSpaces)
        => throw new NotImplementedException("helper A");

    public ImmutableArray<LocalMailbox> Mailboxes => throw new NotImplementedException("helper A");
    public ImmutableArray<DistributionList> Lists => throw new NotImplementedException("helper A");
    public ImmutableArray<AddressSpace> LocalSpaces => throw new NotImplementedException("helper A");

    public LocalResolution Resolve(Address address) => throw new NotImplementedException("helper A");

    /// <summary>
    /// The flattened, de-duplicated non-list members of a list, expanding nested lists; a list that contains itself
    /// (directly or not) is expanded once.
    /// </summary>
    public ImmutableArray<Address> Expand(DistributionList list) => throw new NotImplementedException("helper A");
}
