using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Links;
using MtaActors.Engine.Metrics;
using MtaActors.Engine.Persistence;
using MtaActors.Engine.Queues;
using MtaActors.Engine.Tracking;
using Address = MtaActors.Core.Addressing.Address;
using Envelope = MtaActors.Core.Messages.Envelope;

namespace MtaActors.Engine.WorkQueue;

/// <summary>
/// The router and its work queue (MTAWORKQ): accepts messages durably, expands distribution lists, holds deferred
/// messages and those whose every route is down, and hands envelopes to link queues. It stays responsible for a
/// recipient until a non-secured link reports delivery, a secured queue acknowledges ownership, or a non-delivery
/// report is journaled. After a restart it routes every unfinished recipient again against the current topology,
/// except those already bound for a secured queue, which go back to that queue.
/// </summary>
public sealed class WorkQueue : ReceivePersistentActor, IWithTimers
{
    private const string TickTimer = "tick";

    /// <summary>Recovered messages are routed in chunks of this many, so each hand-off event stays a reasonable size.</summary>
    private const int RecoveryChunk = 1000;

    private readonly SnapshotRetention _retention = new();
    private readonly WorkQueueSettings _settings;
    private readonly RoutingPlanner _planner;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly WorkQueueState _state;

    /// <summary>Per unfinished message, the expanded recipients not yet finished with (in memory; rebuilt by routing after recovery).</summary>
    private readonly Dictionary<string, HashSet<Address>> _outstanding = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<Address>> _waiting = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> _deferred = new();
    /// <summary>Messages being journaled (submissions and reports), by id: known to the id rule already.</summary>
    private readonly Dictionary<string, Message> _accepting = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LinkState> _linkStates = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IActorRef> _readyWaiters = [];
    private ImmutableDictionary<string, LinkHandle> _links = ImmutableDictionary<string, LinkHandle>.Empty;
    private bool _recovered;
    private int _spread;
    private readonly SnapshotPolicy _snapshots;

    public WorkQueue(WorkQueueSettings settings)
    {
        _settings = settings;
        _planner = settings.Planner;
        _state = new WorkQueueState(_planner.Topology.Routing.IdWindow, _planner.Topology.Routing.IdWindowSize);
        _snapshots = new SnapshotPolicy(settings.SnapshotMinInterval);

        Recover<SnapshotOffer>(offer =>
        {
            _retention.Offered(offer.Metadata);
            if (offer.Snapshot is WorkQueueSnapshot snapshot)
            {
                _state.Apply(snapshot);
            }
        });
        Recover<MessagesAccepted>(accepted => Replayed(accepted, _state.Apply));
        Recover<RecipientsAssigned>(assigned => Replayed(assigned, _state.Apply));
        Recover<RecipientsCompleted>(completed => Replayed(completed, _state.Apply));
        Recover<MessagesReinstated>(reinstated => Replayed(reinstated, _state.Apply));
        Recover<RecoveryCompleted>(_ =>
        {
            _recovered = true;
            SnapshotIfDue();
            _log.Info("Work queue recovered {0} unfinished messages", _state.Count);
            StartIfReady();
        });

        Initializing();
    }

    public static Props Props(WorkQueueSettings settings) => Akka.Actor.Props.Create(() => new WorkQueue(settings));

    public override string PersistenceId => WorkQueueSettings.PersistenceId;

    /// <summary>
    /// A write the journal refused (a serialization failure; the actor goes on): its messages were never accepted, so
    /// they must not stay "being accepted", or a resubmission would be answered as a duplicate of nothing. The
    /// submitter hears no answer and times out (503, or 451 over SMTP), and may send again.
    /// </summary>
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        var never = @event switch
        {
            MessagesAccepted accepted => accepted.Messages,
            RecipientsCompleted completed => completed.Reports,
            _ => [],
        };
        foreach (var message in never)
        {
            _accepting.Remove(message.Id);
        }

        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    private DateTimeOffset Now => _settings.Time.GetUtcNow();

    private void Initializing()
    {
        Command<AttachLinks>(attach =>
        {
            _links = attach.Links;
            foreach (var name in _links.Keys)
            {
                _linkStates[name] = LinkState.Up;
            }

            StartIfReady();
        });
        Command<AwaitWorkQueueReady>(_ => _readyWaiters.Add(Sender));
        // A link that starts suspended (an operator's, journaled) is known before recovered mail is routed around it.
        Command<LinkStateChanged>(changed => _linkStates[changed.Link] = changed.State);
        CommandAny(_ => Stash.Stash());
    }

    private void StartIfReady()
    {
        if (!_recovered || _links.IsEmpty)
        {
            return;
        }

        Become(Ready);
        var recovered = _state.Messages.ToList();
        foreach (var chunk in recovered.Chunk(RecoveryChunk))
        {
            var batch = new OutboundBatch();
            foreach (var pending in chunk)
            {
                Route(pending, batch);
            }

            Flush(batch);
        }

        if (recovered.Count > 0)
        {
            _log.Info("Work queue re-routed {0} recovered messages", recovered.Count);
        }

        Timers.StartPeriodicTimer(TickTimer, WorkQueueTick.Instance, _settings.TickInterval);
        Timers.StartPeriodicTimer(QueueBoard.Tick.TimerKey, QueueBoard.Tick.Instance, QueueBoard.PublishInterval);
        PublishLength();
        _settings.Counters.Queues.Publish(Status());
        foreach (var waiter in _readyWaiters)
        {
            waiter.Tell(WorkQueueReady.Instance);
        }

        _readyWaiters.Clear();
        Stash.UnstashAll();
    }

    private void Ready()
    {
        Command<Submit>(OnSubmit);
        Command<EnvelopesDelivered>(delivered => Complete(delivered.Envelopes.Select(e => (e.MessageId, e.Recipients))));
        Command<EnqueueAcknowledged>(ack => Complete(ack.MessageIds.Select(id => (id, AssignedTo(id, ack.Link)))));
        Command<EnvelopesReturned>(OnReturned);
        Command<EnvelopesFailed>(OnFailed);
        Command<EnvelopesRequeued>(requeued => PublishRerouted(requeued.Link, Reroute(requeued.Envelopes), "requeued by an operator"));
        Command<EnvelopesQuarantined>(quarantined => Complete(quarantined.Envelopes.Select(e => (e.MessageId, e.Recipients))));
        Command<ReinstateMessages>(OnReinstate);
        Command<OperateOnMessage>(OnOperate);
        Command<RetryQueue>(_ =>
        {
            var waiting = _waiting.Count;
            RouteWaiting();
            Sender.Tell(new QueueRetried(MtaGateway.WorkQueueName, "up", waiting, Refused: false, $"routed {waiting} waiting messages again"));
        });
        Command<LinkStateChanged>(OnLinkStateChanged);
        Command<Purge.PurgeMessages>(OnPurge);
        Command<WorkQueueTick>(_ => OnTick());
        Command<AwaitWorkQueueReady>(_ => Sender.Tell(WorkQueueReady.Instance));
        Command<GetQueueStatus>(_ => Sender.Tell(Status()));
        Command<QueueBoard.Tick>(_ => _settings.Counters.Queues.Publish(Status()));
        Command<ListQueue>(request => Sender.Tell(QueueListing.Page("work-queue", Listed(), request)));
        Command<SaveSnapshotSuccess>(success =>
        {
            // Keep the previous snapshot and the events after it: losing the newest snapshot must lose nothing.
            if (_retention.Saved(success.Metadata) is { } previous)
            {
                DeleteMessages(previous);
                DeleteSnapshots(new SnapshotSelectionCriteria(previous - 1));
            }
        });
        Command<SaveSnapshotFailure>(failure => _log.Warning("Work queue snapshot failed: {0}", failure.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => _log.Warning("Deleting old work queue events failed: {0}", failure.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning("Deleting old work queue snapshots failed: {0}", failure.Cause.Message));
    }

    /// <summary>
    /// Finishes with every unfinished message of the purged classes, journaled (their recipients completed, no report),
    /// so a restart does not route them again; the link queues drop their copies on the same request from the gateway.
    /// </summary>
    private void OnPurge(Purge.PurgeMessages purge)
    {
        var matching = _state.Messages
            .Where(p => purge.Classes.Contains(p.Message.Class))
            .Select(p => (p.Message, Recipients: _outstanding.TryGetValue(p.Message.Id, out var outstanding) ? [.. outstanding] : p.Message.Recipients))
            .ToList();
        var report = new Purge.PurgedFromQueue(
            "work-queue",
            [.. matching.Select(m => new Purge.PurgedMessage(m.Message.Id, m.Message.Class, [.. m.Recipients.Select(r => r.Value)]))],
            []);
        if (purge.DryRun || matching.Count == 0)
        {
            Sender.Tell(report);
            return;
        }

        var replyTo = Sender;
        var completions = ImmutableArray.CreateBuilder<Completion>();
        foreach (var (message, recipients) in matching)
        {
            _outstanding.Remove(message.Id);
            _waiting.Remove(message.Id);
            completions.Add(new Completion(message.Id, recipients, Final: true));
        }

        Persist(completions.ToImmutable(), [], () =>
        {
            Context.System.EventStream.Publish(new Purge.MessagesPurgedTracked(Now, "work-queue", report.Messages));
            PublishLength();
            replyTo.Tell(report);
        });
    }

    private void OnSubmit(Submit submit)
    {
        var replyTo = Sender;
        var decision = SubmissionRule.Decide(submit.Messages, Known);
        var answer = new SubmitAnswered(decision.Results);
        var duplicates = decision.Results.Count(r => r.Outcome == SubmissionOutcome.Duplicate);
        if (decision.Refused)
        {
            _log.Info("Refused a submission of {Count} messages: {Reason}", submit.Messages.Length, decision.Results.First(r => r.Outcome == SubmissionOutcome.Conflict).Reason);
            replyTo.Tell(answer);
            return;
        }

        if (decision.Fresh.IsEmpty)
        {
            // Only duplicates: answered once whatever they duplicate that is still being journaled is journaled.
            DeferAsync(answer, _ =>
            {
                _settings.Counters.AddSubmissionsDeduplicated(duplicates);
                replyTo.Tell(answer);
            });
            return;
        }

        foreach (var message in decision.Fresh)
        {
            _accepting[message.Id] = message;
        }

        var persisting = Stopwatch.GetTimestamp();
        PersistAsync(new MessagesAccepted(decision.Fresh), accepted =>
        {
            _settings.Counters.Instruments.JournalWritten(MtaGateway.WorkQueueName, Stopwatch.GetElapsedTime(persisting), accepted.Messages.Length);
            _state.Apply(accepted);
            foreach (var message in accepted.Messages)
            {
                _accepting.Remove(message.Id);
            }

            _settings.Counters.AddAccepted(accepted.Messages.Length);
            _settings.Counters.AddSubmissionsDeduplicated(duplicates);
            Context.System.EventStream.Publish(new MessagesAcceptedTracked(Now, accepted.Messages));
            replyTo.Tell(answer);
            var batch = new OutboundBatch();
            foreach (var message in accepted.Messages)
            {
                if (_state.Find(message.Id) is { } pending)
                {
                    Route(pending, batch);
                }
            }

            Flush(batch);
            AfterPersist(accepted);
            PublishLength();
        });
    }

    /// <summary>What the id rule knows of an id: pending, being journaled, or finished within the id window.</summary>
    private KnownSubmission? Known(string messageId)
        => _state.Find(messageId) is { } pending ? new KnownSubmission(pending.Fingerprint, "still queued")
            : _accepting.TryGetValue(messageId, out var accepting) ? new KnownSubmission(SubmissionFingerprint.Of(accepting), "being accepted")
            : _state.Finished.Find(messageId, Now) is { } finished ? new KnownSubmission(finished.Fingerprint, $"finished at {finished.FinishedAt:O}")
            : null;

    /// <summary>Routes every recipient of a message that is neither finished nor in flight to a secured queue.</summary>
    private void Route(PendingMessage pending, OutboundBatch batch)
    {
        var message = pending.Message;
        var outstanding = new HashSet<Address>(_planner.Expand(message));
        outstanding.ExceptWith(pending.Done);
        if (outstanding.Count == 0)
        {
            // Every recipient is done (a list that expanded to fewer members after a topology change, say).
            Persist([new Completion(message.Id, [], Final: true)], []);
            return;
        }

        _outstanding[message.Id] = outstanding;

        // Recipients already bound for a secured queue go back to that queue, never elsewhere.
        foreach (var group in pending.Assigned.GroupBy(a => a.Value, a => a.Key))
        {
            batch.AddReassigned(group.Key, new Envelope(_planner.Outbound(message, Now), [.. group]));
        }

        if (message.DeferredUntil is { } due && due > Now)
        {
            _deferred.Enqueue(message.Id, due);
            return;
        }

        var toRoute = outstanding.Where(r => !pending.Assigned.ContainsKey(r)).ToList();
        if (toRoute.Count > 0)
        {
            Dispatch(message, toRoute, batch);
        }
    }

    private void Dispatch(Message message, IReadOnlyCollection<Address> recipients, OutboundBatch batch)
    {
        var now = Now;
        var plan = _planner.Plan(message, recipients, IsUp, now, _spread++);
        Message? outbound = null;
        foreach (var (link, linkRecipients) in plan.ByLink)
        {
            var carried = link == RoutingPlanner.LocalStore ? message : outbound ??= _planner.Outbound(message, now);
            batch.Add(link, new Envelope(carried, linkRecipients));
        }

        if (!plan.Waiting.IsEmpty)
        {
            if (!_waiting.TryGetValue(message.Id, out var waiting))
            {
                _waiting[message.Id] = waiting = [];
            }

            waiting.UnionWith(plan.Waiting);
        }

        if (!plan.Failures.IsEmpty)
        {
            batch.Failures.Add((message, plan.Failures));
        }
    }

    /// <summary>
    /// Hands a routing pass out: one <see cref="Enqueue"/> per queue; for secured queues one journaled
    /// <see cref="RecipientsAssigned"/> first; the failures of the whole pass in one journaled completion with their reports.
    /// </summary>
    private void Flush(OutboundBatch batch)
    {
        if (batch.IsEmpty)
        {
            return;
        }

        foreach (var (queue, envelopes) in batch.ByQueue)
        {
            if (!_links.TryGetValue(queue, out var handle))
            {
                _log.Error("Routing chose unknown queue {0}", queue);
                continue;
            }

            ImmutableArray<Envelope> outbound = [.. envelopes];
            Context.System.EventStream.Publish(new EnvelopesRoutedTracked(Now, handle.Name, outbound));
            if (!handle.Secured)
            {
                handle.Queue.Tell(new Enqueue(outbound, AckRequested: false));
                continue;
            }

            var items = envelopes.Select(e => new MessageRecipients(e.MessageId, e.Recipients)).ToImmutableArray();
            PersistAsync(new RecipientsAssigned(handle.Name, items), assigned =>
            {
                _state.Apply(assigned);
                handle.Queue.Tell(new Enqueue(outbound, AckRequested: true));
                AfterPersist(assigned);
            });
        }

        foreach (var (queue, envelopes) in batch.Reassigned)
        {
            if (_links.TryGetValue(queue, out var handle))
            {
                handle.Queue.Tell(new Enqueue([.. envelopes], AckRequested: true));
            }
            else
            {
                // A secured queue that left the topology and the registry: keep the mail here until it returns.
                _log.Error("{0} messages are assigned to secured queue {1}, which is not running; holding them", envelopes.Count, queue);
            }
        }

        if (batch.Failures.Count > 0)
        {
            Fail(batch.Failures);
        }
    }

    private ImmutableArray<Address> AssignedTo(string messageId, string link)
        => _state.Find(messageId) is { } pending
            ? [.. pending.Assigned.Where(a => string.Equals(a.Value, link, StringComparison.OrdinalIgnoreCase)).Select(a => a.Key)]
            : [];

    /// <summary>Marks recipients finished; journals one event for the whole batch.</summary>
    private void Complete(IEnumerable<(string MessageId, ImmutableArray<Address> Recipients)> items)
    {
        var completions = ImmutableArray.CreateBuilder<Completion>();
        foreach (var (messageId, recipients) in items)
        {
            if (TakeOutstanding(messageId, recipients) is { } completion)
            {
                completions.Add(completion);
            }
        }

        if (completions.Count > 0)
        {
            Persist(completions.ToImmutable(), []);
        }
    }

    /// <summary>Removes recipients from a message's outstanding set; null when none of them was outstanding.</summary>
    private Completion? TakeOutstanding(string messageId, ImmutableArray<Address> recipients)
    {
        if (!_outstanding.TryGetValue(messageId, out var outstanding))
        {
            return null;
        }

        var taken = recipients.Where(outstanding.Remove).ToImmutableArray();
        if (taken.IsEmpty)
        {
            return null;
        }

        var final = outstanding.Count == 0;
        if (final)
        {
            _outstanding.Remove(messageId);
            _waiting.Remove(messageId);
        }

        return new Completion(messageId, taken, final);
    }

    private void Fail(IReadOnlyList<(Message Message, ImmutableArray<FailedRecipient> Failures)> failed)
    {
        var completions = ImmutableArray.CreateBuilder<Completion>();
        var reports = ImmutableArray.CreateBuilder<Message>();
        foreach (var (message, failures) in failed)
        {
            _settings.Counters.AddNonDelivered(MtaGateway.WorkQueueName, failures.Length);
            foreach (var failure in failures)
            {
                _log.Info("Non-delivery of {0} to {1}: {2} ({3})", message.Id, failure.Recipient, failure.Reason, failure.Detail);
            }

            if (TakeOutstanding(message.Id, [.. failures.Select(f => f.Recipient)]) is { } completion)
            {
                completions.Add(completion);
            }

            if (NonDeliveryReport.ShouldReport(message))
            {
                reports.Add(NonDeliveryReport.Create(message, failures, _planner.Topology.Server.Postmaster, Now, _planner.Topology.Routing.DefaultExpiry));
            }
        }

        Context.System.EventStream.Publish(new NonDeliveryTracked(Now, [.. failed]));
        Persist(completions.ToImmutable(), reports.ToImmutable());
    }

    private void Persist(ImmutableArray<Completion> completions, ImmutableArray<Message> reports, Action? then = null)
    {
        // Reports whose id is already pending or already finished (produced again after a restart: a secured link that
        // was killed before it journaled the acknowledgement reports the same failures again) are not accepted twice.
        var now = Now;
        reports = [.. reports.Where(r => !_state.Contains(r.Id) && !_accepting.ContainsKey(r.Id) && _state.Finished.Find(r.Id, now) is null)];
        if (completions.IsEmpty && reports.IsEmpty)
        {
            then?.Invoke();
            return;
        }

        foreach (var report in reports)
        {
            _accepting[report.Id] = report;
        }

        PersistAsync(new RecipientsCompleted(completions, reports, Now), completed =>
        {
            _state.Apply(completed);
            if (!completed.Reports.IsEmpty)
            {
                Context.System.EventStream.Publish(new MessagesAcceptedTracked(Now, completed.Reports));
            }

            var batch = new OutboundBatch();
            foreach (var report in completed.Reports)
            {
                _accepting.Remove(report.Id);
                if (_state.Find(report.Id) is { } pending)
                {
                    Route(pending, batch);
                }
            }

            Flush(batch);

            then?.Invoke();
            AfterPersist(completed);
            PublishLength();
        });
    }

    private void OnReturned(EnvelopesReturned returned)
    {
        _linkStates[returned.Link] = LinkState.Down;
        PublishRerouted(returned.Link, Reroute(returned.Envelopes), returned.Reason);
    }

    /// <summary>Routes again the outstanding recipients of envelopes a link gave back; answers how many.</summary>
    private int Reroute(ImmutableArray<Envelope> envelopes)
    {
        var count = 0;
        var batch = new OutboundBatch();
        foreach (var envelope in envelopes)
        {
            if (_state.Find(envelope.MessageId) is not { } pending || !_outstanding.TryGetValue(envelope.MessageId, out var outstanding))
            {
                continue;
            }

            var recipients = envelope.Recipients.Where(outstanding.Contains).ToList();
            count += recipients.Count;
            Dispatch(pending.Message, recipients, batch);
        }

        Flush(batch);
        return count;
    }

    private void PublishRerouted(string link, int count, string reason)
    {
        _settings.Counters.AddRerouted(link, count);
        _log.Info("Re-routed {0} recipients handed back by {1} ({2})", count, link, reason);
        PublishLength();
    }

    /// <summary>Journals the released envelopes as the work queue's again, then routes them and answers the poison queue.</summary>
    private void OnReinstate(ReinstateMessages reinstate)
    {
        var replyTo = Sender;
        var envelopes = reinstate.Envelopes.Select(e => e with { Message = _planner.Inbound(e.Message) }).ToImmutableArray();
        PersistAsync(new MessagesReinstated(envelopes), reinstated =>
        {
            var wasPending = reinstated.Envelopes.Select(e => _outstanding.ContainsKey(e.MessageId)).ToList();
            _state.Apply(reinstated);
            var batch = new OutboundBatch();
            for (var i = 0; i < reinstated.Envelopes.Length; i++)
            {
                var envelope = reinstated.Envelopes[i];
                if (_state.Find(envelope.MessageId) is not { } pending)
                {
                    continue;
                }

                if (wasPending[i])
                {
                    _outstanding[envelope.MessageId].UnionWith(envelope.Recipients);
                    Dispatch(pending.Message, envelope.Recipients, batch);
                }
                else
                {
                    Route(pending, batch);
                }
            }

            Flush(batch);
            replyTo.Tell(new ReinstateAccepted([.. reinstated.Envelopes.Select(e => e.MessageId)]));
            AfterPersist(reinstated);
            PublishLength();
        });
    }

    /// <summary>
    /// An operator's action on a message the work queue itself holds (waiting for a route, or deferred). Messages out on a
    /// link are that link's to answer for; this answers "not here" for them.
    /// </summary>
    private void OnOperate(OperateOnMessage operation)
    {
        var id = operation.MessageId;
        var waiting = _waiting.GetValueOrDefault(id);
        var deferred = waiting is null && _deferred.UnorderedItems.Any(d => d.Element == id);
        if ((waiting is null && !deferred) || _state.Find(id) is not { } pending)
        {
            Sender.Tell(MessageOperated.NotHere(MtaGateway.WorkQueueName));
            return;
        }

        switch (operation.Action)
        {
            case MessageAction.Remove:
            {
                var recipients = waiting is not null
                    ? [.. waiting]
                    : _outstanding.TryGetValue(id, out var outstanding) ? outstanding.Where(r => !pending.Assigned.ContainsKey(r)).ToImmutableArray() : [];
                _waiting.Remove(id);
                if (deferred)
                {
                    _deferred.Remove(id, out _, out _, StringComparer.Ordinal);
                }

                var replyTo = Sender;
                var detail = MessageOperated.RemovalDetail(operation.Report);
                var envelope = new Envelope(pending.Message, recipients);
                var failure = new FailedEnvelope(envelope, NonDeliveryReason.Removed, "removed from the work queue by an operator");
                Settle(MtaGateway.WorkQueueName, [failure], operation.Report, () =>
                {
                    Context.System.EventStream.Publish(QueueOperationTracked.Of(Now, "removed", MtaGateway.WorkQueueName, envelope, detail));
                    replyTo.Tell(new MessageOperated(MtaGateway.WorkQueueName, MessageOperationOutcome.Done, detail));
                });
                break;
            }

            case MessageAction.Requeue when waiting is not null:
                _waiting.Remove(id);
                var batch = new OutboundBatch();
                Dispatch(pending.Message, [.. waiting], batch);
                Flush(batch);
                PublishLength();
                Sender.Tell(new MessageOperated(MtaGateway.WorkQueueName, MessageOperationOutcome.Done, "routed again"));
                break;
            case MessageAction.Requeue:
                Sender.Tell(new MessageOperated(MtaGateway.WorkQueueName, MessageOperationOutcome.Refused, $"deferred until {pending.Message.DeferredUntil:O}; remove it or wait"));
                break;
            default:
                Sender.Tell(new MessageOperated(
                    MtaGateway.WorkQueueName,
                    MessageOperationOutcome.Refused,
                    $"{(deferred ? "deferred" : "waiting for a route")} in the work queue; hold and release apply to messages on a link's queue"));
                break;
        }
    }

    private void OnFailed(EnvelopesFailed failed)
    {
        var replyTo = Sender;
        var ids = failed.Failures.Select(f => f.Envelope.MessageId).ToImmutableArray();
        Settle(failed.Link, failed.Failures, failed.Report, () => replyTo.Tell(new FailuresAcknowledged(ids)));
    }

    /// <summary>
    /// Finishes with recipients that will not be delivered, journaling their completion and (when <paramref name="report"/>)
    /// their non-delivery reports in one write; then runs <paramref name="then"/>. <paramref name="queue"/> is the queue
    /// that gave them up, for the per-link counts.
    /// </summary>
    private void Settle(string queue, IEnumerable<FailedEnvelope> failures, bool report, Action then)
    {
        var completions = ImmutableArray.CreateBuilder<Completion>();
        var reports = ImmutableArray.CreateBuilder<Message>();
        var reported = new List<(Message Message, ImmutableArray<FailedRecipient> Failures)>();
        foreach (var failure in failures)
        {
            var message = failure.Envelope.Message;
            var recipients = failure.Envelope.Recipients.Select(r => new FailedRecipient(r, failure.Reason, failure.Detail)).ToImmutableArray();
            if (TakeOutstanding(message.Id, failure.Envelope.Recipients) is { } completion)
            {
                completions.Add(completion);
            }

            if (!report)
            {
                continue;
            }

            _settings.Counters.AddNonDelivered(queue, recipients.Length);
            reported.Add((message, recipients));
            if (NonDeliveryReport.ShouldReport(message))
            {
                reports.Add(NonDeliveryReport.Create(message, recipients, _planner.Topology.Server.Postmaster, Now, _planner.Topology.Routing.DefaultExpiry));
            }
        }

        if (reported.Count > 0)
        {
            Context.System.EventStream.Publish(new NonDeliveryTracked(Now, reported));
        }

        Persist(completions.ToImmutable(), reports.ToImmutable(), then);
    }

    private void OnLinkStateChanged(LinkStateChanged changed)
    {
        var wasUp = IsUp(changed.Link);
        _linkStates[changed.Link] = changed.State;
        if (!wasUp && IsUp(changed.Link))
        {
            RouteWaiting();
        }
    }

    private void RouteWaiting()
    {
        if (_waiting.Count == 0)
        {
            return;
        }

        var waiting = _waiting.ToList();
        _waiting.Clear();
        var batch = new OutboundBatch();
        foreach (var (messageId, recipients) in waiting)
        {
            if (_state.Find(messageId) is { } pending)
            {
                Dispatch(pending.Message, recipients, batch);
            }
        }

        Flush(batch);
        PublishLength();
    }

    private void OnTick()
    {
        var now = Now;
        var batch = new OutboundBatch();
        while (_deferred.TryPeek(out var messageId, out var due) && due <= now)
        {
            _deferred.Dequeue();
            if (_state.Find(messageId) is { } pending && _outstanding.TryGetValue(messageId, out var outstanding))
            {
                Dispatch(pending.Message, [.. outstanding.Where(r => !pending.Assigned.ContainsKey(r))], batch);
            }
        }

        foreach (var (messageId, recipients) in _waiting.ToList())
        {
            if (_state.Find(messageId) is { } pending && pending.Message.ExpiresAt <= now)
            {
                _waiting.Remove(messageId);
                batch.Failures.Add((pending.Message, [.. recipients.Select(r => new FailedRecipient(r, NonDeliveryReason.Expired, "no route came up before expiry"))]));
            }
        }

        Flush(batch);
        PublishLength();
    }

    private bool IsUp(string link)
        => !_linkStates.TryGetValue(link, out var state) || state is LinkState.Up or LinkState.Retrying;

    private int Length => _waiting.Count + _deferred.Count;

    /// <summary>What the work queue holds (the messages <see cref="Length"/> counts): waiting for a route, or deferred.</summary>
    private IEnumerable<QueuedMessageView> Listed()
    {
        var now = Now;
        var waiting = _waiting
            .Select(w => (Pending: _state.Find(w.Key), Recipients: (IEnumerable<Address>)w.Value, State: QueuedMessageStates.WaitingForRoute));
        var deferred = _deferred.UnorderedItems
            .Select(d => _state.Find(d.Element))
            .Select(p => (Pending: p, Recipients: p is null ? [] : p.Message.Recipients.Where(r => !p.Done.Contains(r)), State: QueuedMessageStates.Deferred));
        return waiting.Concat(deferred)
            .Where(m => m.Pending is not null)
            .Select(m => QueuedMessageView.Of(m.Pending!.Message, m.Recipients.Select(r => r.Value), m.Pending.Message.SubmittedAt, now, m.State, 0));
    }

    private void PublishLength() => _settings.Counters.SetWorkQueueLength(Length);

    private QueueStatus Status()
    {
        var now = Now;
        var oldest = _waiting.Keys.Concat(_deferred.UnorderedItems.Select(i => i.Element))
            .Select(id => _state.Find(id)?.Message.SubmittedAt ?? now)
            .DefaultIfEmpty(now)
            .Min();
        return new QueueStatus("Q000000", "work-queue", "work-queue", true, "up", Length, Math.Max(0, (now - oldest).TotalSeconds));
    }

    private void Replayed<T>(T persisted, Action<T> apply)
        where T : notnull
    {
        apply(persisted);
        _snapshots.Recorded(persisted);
    }

    private void AfterPersist(object persisted)
    {
        _snapshots.Recorded(persisted);
        SnapshotIfDue();
    }

    private void SnapshotIfDue()
    {
        // The window of finished ids is in every snapshot too: it counts toward the size that spaces them out.
        if (_snapshots.Due(_state.Count + _state.Finished.Count))
        {
            _snapshots.Taken();
            SaveSnapshot(_state.ToSnapshot());
        }
    }
}
