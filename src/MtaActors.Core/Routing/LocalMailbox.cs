using System.Collections.Immutable;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Routing;

/// <summary>A mailbox on this server's private store, known by all of its addresses.</summary>
public sealed record LocalMailbox(string Name, ImmutableArray<Address> Addresses);
