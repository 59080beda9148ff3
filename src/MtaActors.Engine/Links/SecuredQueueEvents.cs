using System.Collections.Immutable;
using MtaActors.Engine.Persistence;

namespace MtaActors.Engine.Links;

/// <summary>Envelopes became the responsibility of a secured queue; from here on they are never re-routed.</summary>
public sealed record EnvelopesEnqueued(ImmutableArray<QueuedEnvelope> Envelopes) : IPersistedEvent;

/// <summary>A transfer of these messages failed; kept so attempt counts (and poison detection) survive restarts.</summary>
public sealed record TransferAttempted(ImmutableArray<string> MessageIds, string Failure) : IPersistedEvent;

/// <summary>Messages left the secured queue: delivered, or answered with a non-delivery report the work queue has accepted.</summary>
public sealed record EnvelopesRemoved(ImmutableArray<string> MessageIds, RemovalReason Reason) : IPersistedEvent;

/// <summary>Why a message left a queue.</summary>
public enum RemovalReason
{
    Delivered = 0,
    NonDelivered = 1,

    /// <summary>Removed by <c>mta purge</c> (a system message class): neither delivered nor reported.</summary>
    Purged = 2,
}

/// <summary>The whole content of a secured queue at one sequence number.</summary>
public sealed record SecuredQueueSnapshot(ImmutableArray<QueuedEnvelope> Envelopes) : IPersistedEvent;
