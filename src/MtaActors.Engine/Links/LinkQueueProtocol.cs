using System.Collections.Immutable;
using MtaActors.Core.Messages;
using MtaActors.Engine.Transports;

namespace MtaActors.Engine.Links;

/// <summary>
/// Hands envelopes to a link queue. With <see cref="AckRequested"/> the queue answers
/// <see cref="EnqueueAcknowledged"/> once it owns them (for a secured queue: once they are journaled).
/// </summary>
public sealed record Enqueue(ImmutableArray<Envelope> Envelopes, bool AckRequested);

/// <summary>The queue owns these messages now.</summary>
public sealed record EnqueueAcknowledged(string Link, ImmutableArray<string> MessageIds);

/// <summary>Asks a queue for its <see cref="Gateway.QueueStatus"/>.</summary>
public sealed record GetQueueStatus
{
    public static readonly GetQueueStatus Instance = new();
}

/// <summary>A non-secured link delivered these envelopes; the work queue records the recipients as done.</summary>
public sealed record EnvelopesDelivered(string Link, ImmutableArray<Envelope> Envelopes);

/// <summary>A non-secured link went down (or restarted empty) and hands these envelopes back to be routed again.</summary>
public sealed record EnvelopesReturned(string Link, ImmutableArray<Envelope> Envelopes, string Reason);

/// <summary>
/// A queue will not deliver these envelopes (expired, or removed by an operator). The work queue records the recipients
/// as finished, writes the non-delivery reports (unless <see cref="Report"/> is false: removed without one) and answers
/// <see cref="FailuresAcknowledged"/>; only then does a secured queue let go of them.
/// </summary>
public sealed record EnvelopesFailed(string Link, ImmutableArray<FailedEnvelope> Failures, bool Report = true);

/// <summary>An operator requeued these envelopes of a non-secured link (or retried it): route their recipients again now.</summary>
public sealed record EnvelopesRequeued(string Link, ImmutableArray<Envelope> Envelopes);

/// <summary>A non-secured link handed these envelopes to the poison queue, which owns them now: the work queue is done with them.</summary>
public sealed record EnvelopesQuarantined(string Link, ImmutableArray<Envelope> Envelopes);

/// <summary>One envelope that failed, with the recipients' reason.</summary>
public sealed record FailedEnvelope(Envelope Envelope, NonDeliveryReason Reason, string Detail);

/// <summary>The work queue has durably accepted the reports for these messages.</summary>
public sealed record FailuresAcknowledged(ImmutableArray<string> MessageIds);

/// <summary>Told to the work queue whenever a link's state changes, so routing skips links that are down.</summary>
public sealed record LinkStateChanged(string Link, LinkState State, string Reason);

/// <summary>Asks a session to move a batch through its transport within <see cref="Timeout"/>.</summary>
internal sealed record Transfer(long BatchId, ImmutableArray<Envelope> Batch, TimeSpan Timeout);

/// <summary>Asks a session to ping the far end within <see cref="Timeout"/>.</summary>
internal sealed record Probe(long BatchId, TimeSpan Timeout);

/// <summary>A session's answer to <see cref="Transfer"/> or <see cref="Probe"/>.</summary>
internal sealed record TransferFinished(long BatchId, TransferOutcome Outcome);

/// <summary>The session crashed on this batch (the transport threw); it is being restarted.</summary>
internal sealed record SessionCrashed(long BatchId, string Reason);

/// <summary>Timer tick: try the queue again after an open interval or a crash backoff.</summary>
internal sealed record RetryTick
{
    public static readonly RetryTick Instance = new();
}
