using System.Collections.Immutable;
using MtaActors.Engine.Persistence;

namespace MtaActors.Engine.Links;

/// <summary>Envelopes became the responsibility of a secured queue; from here on they are never re-routed.</summary>
public sealed record EnvelopesEnqueued(ImmutableArray<QueuedEnvelope> Envelopes) : IPersistedEvent;

/// <summary>A transfer of these messages failed; kept so attempt counts (and poison detection) survive restarts.</summary>
public sealed record TransferAttempted(ImmutableArray<string> MessageIds, string Failure) : IPersistedEvent;

/// <summary>A transfer of these messages crashed the link's session; kept so a poison message is still known after a restart.</summary>
public sealed record TransferCrashed(ImmutableArray<string> MessageIds, string Reason) : IPersistedEvent;

/// <summary>An operator held these messages: they stay on the queue and are not transferred until released.</summary>
public sealed record EnvelopesHeld(ImmutableArray<string> MessageIds) : IPersistedEvent;

/// <summary>An operator released held messages: they wait their turn again.</summary>
public sealed record EnvelopesReleased(ImmutableArray<string> MessageIds) : IPersistedEvent;

/// <summary>Messages left the secured queue: delivered, or answered with a non-delivery report the work queue has accepted.</summary>
public sealed record EnvelopesRemoved(ImmutableArray<string> MessageIds, RemovalReason Reason) : IPersistedEvent;

/// <summary>Why a message left a queue.</summary>
public enum RemovalReason
{
    Delivered = 0,
    NonDelivered = 1,

    /// <summary>Removed by <c>mta purge</c> (a system message class): neither delivered nor reported.</summary>
    Purged = 2,

    /// <summary>Removed by an operator without a report (<c>mta message remove</c>); with a report it is <see cref="NonDelivered"/>.</summary>
    Removed = 3,

    /// <summary>Moved to the poison queue after crashing the link's session twice.</summary>
    Quarantined = 4,
}

/// <summary>The whole content of a secured queue at one sequence number.</summary>
public sealed record SecuredQueueSnapshot(ImmutableArray<QueuedEnvelope> Envelopes) : IPersistedEvent;
