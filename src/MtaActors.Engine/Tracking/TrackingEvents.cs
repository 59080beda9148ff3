using System.Collections.Immutable;
using MtaActors.Core.Messages;
using MtaActors.Engine.Links;

namespace MtaActors.Engine.Tracking;

/// <summary>Messages durably accepted by the work queue (submitted, replayed, or reports the MTA made).</summary>
public sealed record MessagesAcceptedTracked(DateTimeOffset At, ImmutableArray<Message> Messages) : ITrackingEvent;

/// <summary>The router handed envelopes to a queue (a link, the local store, or a secured queue).</summary>
public sealed record EnvelopesRoutedTracked(DateTimeOffset At, string Queue, IReadOnlyList<Envelope> Envelopes) : ITrackingEvent;

/// <summary>A secured queue journaled envelopes: from here on they are its responsibility.</summary>
public sealed record EnvelopesQueuedTracked(DateTimeOffset At, string Queue, ImmutableArray<QueuedEnvelope> Envelopes) : ITrackingEvent;

/// <summary>A link transferred a batch (<see cref="Failure"/> null) or failed to (<see cref="Failure"/> says why; the batch stays queued).</summary>
public sealed record TransferTracked(DateTimeOffset At, string Queue, ImmutableArray<QueuedEnvelope> Batch, string? Failure) : ITrackingEvent;

/// <summary>Recipients answered with a non-delivery report.</summary>
public sealed record NonDeliveryTracked(DateTimeOffset At, IReadOnlyList<(Message Message, ImmutableArray<FailedRecipient> Failures)> Failed) : ITrackingEvent;

/// <summary>
/// An operator's or the engine's own action on one message on a queue: held, released, removed, requeued, quarantined,
/// released from quarantine. <see cref="Event"/> is the tracking log's event name.
/// </summary>
public sealed record QueueOperationTracked(DateTimeOffset At, string Event, string Queue, string MessageId, ImmutableArray<string> Recipients, string Detail) : ITrackingEvent
{
    public static QueueOperationTracked Of(DateTimeOffset at, string @event, string queue, Envelope envelope, string detail)
        => new(at, @event, queue, envelope.MessageId, [.. envelope.Recipients.Select(r => r.Value)], detail);
}
