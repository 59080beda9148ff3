using System.Collections.Immutable;
using MtaActors.Core.Messages;
using MtaActors.Core.Addressing;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Links;
using MtaActors.Engine.Queues;

namespace MtaActors.Engine.Gateway;

/// <summary>
/// The engine as the edge (HTTP API, benchmarks, tests) sees it. Every call is bounded: it answers or
/// fails within its timeout, whatever state the links are in.
/// </summary>
public interface IMtaGateway
{
    /// <summary>True once every queue has recovered and the work queue accepts mail.</summary>
    bool IsAcceptingMail { get; }

    /// <summary>
    /// Submits messages; completes with one result per message, in order, once the accepted ones are durably accepted
    /// (journaled). An id is a promise: a message whose id is known with the same content is a
    /// <see cref="SubmissionOutcome.Duplicate"/> (nothing journaled or delivered again), with different content a
    /// <see cref="SubmissionOutcome.Conflict"/>, and one conflict refuses the whole batch (the others
    /// <see cref="SubmissionOutcome.NotAccepted"/>). Throws <see cref="MtaUnavailableException"/> when the engine
    /// cannot accept in time.
    /// </summary>
    Task<ImmutableArray<SubmittedMessage>> SubmitAsync(IReadOnlyList<Message> messages, CancellationToken cancellationToken);

    /// <summary>The work queue first, then every link queue and the local store.</summary>
    Task<IReadOnlyList<QueueStatus>> GetQueuesAsync(CancellationToken cancellationToken);

    MtaStatistics GetStatistics();

    /// <summary>Every simulated remote site and the local store, by name.</summary>
    IReadOnlyList<Delivery.SiteCounters> GetSites();

    /// <summary>The live fault switchboard; setting a fault here takes effect on the link's next transfer.</summary>
    FaultSwitchboard Faults { get; }

    /// <summary>The time source the engine stamps messages with.</summary>
    TimeProvider Time { get; }

    /// <summary>The default expiry for messages submitted without one.</summary>
    TimeSpan DefaultExpiry { get; }

    /// <summary>
    /// Asks a link (or the local store) to deliver now what it holds for <paramref name="recipient"/> (null: everything).
    /// Completes within <paramref name="bound"/> plus <see cref="MtaGateway.AnswerMargin"/>, whatever the link does: a
    /// suspended link answers "disabled" at once, a link that does not answer in time is reported as "timeout".
    /// </summary>
    Task<FlushReport> FlushAsync(string link, Address? recipient, TimeSpan bound, CancellationToken cancellationToken);

    /// <summary>
    /// Suspends a link: it holds its mail, transfers nothing, and the router routes around it. Journaled first, so the
    /// link starts suspended after a restart. Answers its status.
    /// </summary>
    Task<QueueStatus> SuspendAsync(string link, string reason, CancellationToken cancellationToken);

    /// <summary>Resumes a suspended link; it tries its queue at once (unless the whole MTA is disabled). Answers its status.</summary>
    Task<QueueStatus> ResumeAsync(string link, CancellationToken cancellationToken);

    /// <summary>
    /// One page of the messages on a queue (<c>work-queue</c>, the local store or a link) that match the request's filter.
    /// Throws <see cref="ArgumentException"/> for an unknown queue, <see cref="MtaUnavailableException"/> when it does not answer in time.
    /// </summary>
    Task<QueueListing> ListMessagesAsync(string queue, ListQueue request, CancellationToken cancellationToken);

    /// <summary>
    /// Disables the whole MTA: journals it, then suspends every outbound link (the local store keeps delivering local
    /// mail). Flushes against a link then answer "disabled" at once. Survives a restart until <see cref="EnableAsync"/>.
    /// </summary>
    Task<MtaAdministrationStatus> DisableAsync(string reason, CancellationToken cancellationToken);

    /// <summary>Enables the MTA: every link not suspended on its own resumes and tries its queue at once.</summary>
    Task<MtaAdministrationStatus> EnableAsync(CancellationToken cancellationToken);

    /// <summary>Whether the MTA is disabled and which links are suspended, without asking any actor.</summary>
    MtaAdministrationStatus Administration { get; }

    /// <summary>
    /// Removes (or with <paramref name="dryRun"/> lists) every waiting message of the given system classes from the work
    /// queue and every link queue; journaled where the queue is, tracked, never delivered and never reported.
    /// </summary>
    Task<Purge.PurgeReport> PurgeAsync(IReadOnlySet<MessageClass> classes, bool dryRun, CancellationToken cancellationToken);

    /// <summary>True when <paramref name="name"/> is a link or the local store.</summary>
    bool HasQueue(string name);

    /// <summary>True when <paramref name="name"/> is any queue messages can be listed on: the work queue, the poison queue, a link or the local store.</summary>
    bool IsQueue(string name);

    /// <summary>
    /// Holds, releases, removes (with a non-delivery report when <paramref name="report"/>) or requeues one message on
    /// every queue that holds it (a message can be on several, one per group of recipients). Each queue answers done,
    /// or refused with why; a report with no queues means no queue holds the message.
    /// Throws <see cref="MtaUnavailableException"/> when a queue does not answer in time and none did it.
    /// </summary>
    Task<MessageOperationReport> OperateOnMessageAsync(string messageId, MessageAction action, bool report, CancellationToken cancellationToken);

    /// <summary>
    /// Retries a queue now: skips its retry wait; a non-secured link also hands its waiting messages back to be routed
    /// again; the work queue routes its waiting messages again. Refused for a suspended link and the poison queue.
    /// Throws <see cref="ArgumentException"/> for an unknown queue.
    /// </summary>
    Task<QueueRetried> RetryQueueAsync(string queue, CancellationToken cancellationToken);
}
