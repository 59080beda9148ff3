using System.Collections.Immutable;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Routing;

/// <summary>A distribution list expanded by this server's work queue; members may be lists, mailboxes or remote addresses.</summary>
public sealed record DistributionList(string Name, Address Address, ImmutableArray<Address> Members);
