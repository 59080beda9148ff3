using System.Collections.Immutable;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;
using MtaActors.Engine.Persistence;

namespace MtaActors.Engine.WorkQueue;

/// <summary>Messages durably accepted (one event per submission batch); the submitter hears "accepted" only after this is journaled.</summary>
public sealed record MessagesAccepted(ImmutableArray<Message> Messages) : IPersistedEvent;

/// <summary>
/// Recipients bound for a secured queue, journaled before the hand-off (one event per hand-off batch): after a restart
/// they are handed to the same queue again (which de-duplicates), never routed anywhere else.
/// </summary>
public sealed record RecipientsAssigned(string Queue, ImmutableArray<MessageRecipients> Items) : IPersistedEvent;

/// <summary>Some recipients of one message.</summary>
public sealed record MessageRecipients(string MessageId, ImmutableArray<Address> Recipients);

/// <summary>
/// Recipients finished with, from this work queue's point of view: delivered by a non-secured link, owned by a secured
/// queue, or answered with a non-delivery report. <see cref="Reports"/> are accepted in the same write, so a failure and
/// its report are never separated by a crash. <see cref="At"/> is when (null in journals written before it was kept):
/// a message finished here is remembered in the window of finished ids from then.
/// </summary>
public sealed record RecipientsCompleted(ImmutableArray<Completion> Completions, ImmutableArray<Message> Reports, DateTimeOffset? At = null) : IPersistedEvent;

/// <summary>One message's part of <see cref="RecipientsCompleted"/>; <see cref="Final"/> when nothing of the message is left.</summary>
public sealed record Completion(string MessageId, ImmutableArray<Address> Recipients, bool Final);

/// <summary>
/// Envelopes handed back by the poison queue (an operator released them): their recipients are the work queue's again,
/// to be routed anew. A message still pending gets those recipients back; one already finished is pending again with
/// just them.
/// </summary>
public sealed record MessagesReinstated(ImmutableArray<Envelope> Envelopes) : IPersistedEvent;

/// <summary>
/// Every unfinished message at one sequence number, and the window of finished ids, oldest first (default, in
/// snapshots written before the window was kept: none).
/// </summary>
public sealed record WorkQueueSnapshot(ImmutableArray<PendingMessageSnapshot> Messages, ImmutableArray<FinishedSubmission> Finished = default) : IPersistedEvent;

/// <summary>
/// One unfinished message in a snapshot: the recipients already done, those assigned to secured queues, and its
/// submission fingerprint (null in snapshots written before it was kept: computed from the message).
/// </summary>
public sealed record PendingMessageSnapshot(Message Message, ImmutableArray<Address> Done, ImmutableArray<Assignment> Assigned, string? Fingerprint = null);

/// <summary>Recipients of one message assigned to one secured queue.</summary>
public sealed record Assignment(string Queue, ImmutableArray<Address> Recipients);
