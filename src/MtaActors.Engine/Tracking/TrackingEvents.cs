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
