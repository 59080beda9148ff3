using System.Collections.Immutable;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;

namespace MtaActors.Engine.WorkQueue;

/// <summary>Where each recipient of one message goes: a link (or the local store), a non-delivery report, or a wait for a link to come up.</summary>
public sealed record RoutingPlan(
    ImmutableDictionary<string, ImmutableArray<Address>> ByLink,
    ImmutableArray<FailedRecipient> Failures,
    ImmutableArray<Address> Waiting);
