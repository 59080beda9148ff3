using System.Collections.Immutable;
using MtaActors.Core.Messages;
using Address = MtaActors.Core.Addressing.Address;

namespace MtaActors.Engine.Inspection;

/// <summary>
/// An unfinished message as <c>mta export</c> finds it on a stopped daemon's journal: the message, the recipients still
/// pending (over every queue), and where each of them waits.
/// </summary>
public sealed record BacklogMessage(Message Message, ImmutableArray<Address> Recipients, ImmutableArray<BacklogPlacement> Placements);

/// <summary>
/// Recipients of one message waiting on one queue. <see cref="State"/> is <c>pending</c> (work queue, to be routed),
/// <c>deferred</c> (work queue, not due yet), <c>assigned</c> (work queue, bound for a secured queue) or <c>queued</c>
/// (on a secured queue, with its failed transfer attempts).
/// </summary>
public sealed record BacklogPlacement(string Queue, string State, int FailedAttempts, ImmutableArray<Address> Recipients);
