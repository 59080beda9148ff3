using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Metrics;
using MtaActors.Engine.Persistence;
using MtaActors.Engine.Queues;
using MtaActors.Engine.Tracking;
using MtaActors.Engine.Transports;

namespace MtaActors.Engine.Links;

/// <summary>
/// One connector or site link (or the local store): owns its queue, its retry schedule and its state, and drives a
/// child <see cref="Session"/> that does the I/O. A hung or failing far end only ever holds this link's messages.
/// A secured queue journals enqueue, attempt and removal and never gives a message back; a non-secured queue lives in
/// memory and, when the link goes down, hands its envelopes back to the work queue to be routed another way.
/// Supervision: the session is restarted on any exception, after an exponential backoff, and the batch it was on
/// goes back to the front of the queue. A message on a batch that crashed the session travels alone from then on; one
/// that crashes it <see cref="PoisonThreshold"/> times goes to the poison queue, and the rest of the queue flows on; so
/// does a message whose content fails its own checksum before a transfer.
/// Operators hold, release, remove and requeue single messages here (<see cref="OperateOnMessage"/>).
/// </summary>
public sealed class LinkQueue : ReceivePersistentActor, IWithTimers
{
    private const string RetryTimer = "retry";
    private const string QuarantineTimer = "quarantine";

    /// <summary>How often a poison message not yet acknowledged by the poison queue is offered again.</summary>
    private static readonly TimeSpan QuarantineRetryInterval = TimeSpan.FromSeconds(5);

    /// <summary>Session crashes on transfers carrying a message that make it poison (Exchange's poison queue: 2).</summary>
    public const int PoisonThreshold = 2;

    /// <summary>
    /// Crashes since the last delivery beyond which a crash is blamed on the transport, not the message: a connector that
    /// throws on everything must not empty its queue into the poison queue. Two allow the crashed batch and one suspect.
    /// </summary>
    private const int CrashesBlamedOnMessages = 2;

    private readonly SnapshotRetention _retention = new();
    private readonly LinkQueueSettings _settings;
    private readonly IActorRef _workQueue;
    private readonly IActorRef _poisonQueue;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly EnvelopeQueue _queue = new();
    private readonly Dictionary<string, QueuedEnvelope> _awaitingFailureAck = new(StringComparer.Ordinal);

    /// <summary>Messages an operator is removing, waiting for the work queue: who asked, and whether with a report.</summary>
    private readonly Dictionary<string, (IActorRef ReplyTo, bool Report)> _removing = new(StringComparer.Ordinal);

    /// <summary>Poison messages handed to the poison queue, still ours until it acknowledges them, with the reason.</summary>
    private readonly Dictionary<string, (QueuedEnvelope Queued, string Reason)> _quarantining = new(StringComparer.Ordinal);
    private IActorRef _session = ActorRefs.Nobody;
    private ImmutableArray<QueuedEnvelope> _inFlight = ImmutableArray<QueuedEnvelope>.Empty;
    private long _batchId;
    private bool _probing;
    private bool _retryScheduled;
    private int _consecutiveFailures;
    private int _consecutiveCrashes;
    private int _crashesSinceDelivery;
    private LinkState _state;
    private string _lastError;
    private readonly SnapshotPolicy _snapshots;
    private readonly Dictionary<long, PendingFlush> _flushes = [];
    private long _flushId;
    private long _dispatchedAt;

    public LinkQueue(LinkQueueSettings settings, IActorRef workQueue, IActorRef poisonQueue)
    {
        _settings = settings;
        _workQueue = workQueue;
        _poisonQueue = poisonQueue;
        _state = settings.InitialState;
        _snapshots = new SnapshotPolicy(settings.SnapshotMinInterval);
        _lastError = settings.InitialReason ?? "";

        Recover<SnapshotOffer>(offer =>
        {
            _retention.Offered(offer.Metadata);
            SecuredQueueJournal.Apply(_queue, offer.Snapshot);
        });
        Recover<IPersistedEvent>(persisted => Replayed(persisted, e => SecuredQueueJournal.Apply(_queue, e)));
        Recover<RecoveryCompleted>(_ =>
        {
            SnapshotIfDue();
            if (_queue.Count > 0)
            {
                _log.Info("Secured queue {0} recovered {1} messages", _settings.Name, _queue.Count);
            }

            // A message recovered with crashes against it is a suspect again: it travels alone, and its next crash is
            // judged by the blame rule (the journal does not say whether the transport or the message was at fault).
        });

        Command<Enqueue>(OnEnqueue);
        Command<TransferFinished>(OnTransferFinished);
        Command<SessionCrashed>(OnSessionCrashed);
        Command<RetryTick>(_ =>
        {
            _retryScheduled = false;
            TryDispatch();
        });
        Command<FailuresAcknowledged>(OnFailuresAcknowledged);
        Command<GetQueueStatus>(_ => Sender.Tell(Status()));
        Command<QueueBoard.Tick>(_ => _settings.Counters.Queues.Publish(Status()));
        Command<ListQueue>(request => Sender.Tell(QueueListing.Page(_settings.Name, Listed(), request)));
        Command<SuspendLink>(OnSuspend);
        Command<ResumeLink>(_ => OnResume());
        Command<FlushLink>(OnFlush);
        Command<Purge.PurgeMessages>(OnPurge);
        Command<OperateOnMessage>(OnOperate);
        Command<RetryQueue>(_ => OnRetry());
        Command<Poison.QuarantineAccepted>(OnQuarantineAccepted);
        Command<QuarantineRetry>(_ => OnQuarantineRetry());
        Command<FlushExpired>(expired => AnswerFlush(expired.FlushId, FlushOutcomes.Timeout));
        Command<SaveSnapshotSuccess>(success =>
        {
            // Keep the previous snapshot and the events after it: losing the newest snapshot must lose nothing.
            if (_retention.Saved(success.Metadata) is { } previous)
            {
                DeleteMessages(previous);
                DeleteSnapshots(new SnapshotSelectionCriteria(previous - 1));
            }
        });
        Command<SaveSnapshotFailure>(failure => _log.Warning("Snapshot of {0} failed: {1}", _settings.Name, failure.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => _log.Warning("Deleting old events of {0} failed: {1}", _settings.Name, failure.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning("Deleting old snapshots of {0} failed: {1}", _settings.Name, failure.Cause.Message));
    }

    /// <param name="settings">The link's identity, policy and transport.</param>
    /// <param name="workQueue">The router, which hears of deliveries, failures and hand-backs.</param>
    /// <param name="poisonQueue">Where poison messages go (nobody: they stay quarantining on this queue).</param>
    public static Props Props(LinkQueueSettings settings, IActorRef workQueue, IActorRef? poisonQueue = null)
        => Akka.Actor.Props.Create(() => new LinkQueue(settings, workQueue, poisonQueue ?? ActorRefs.Nobody));

    public override string PersistenceId => _settings.PersistenceId;

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>Only secured queues have a journal; a non-secured queue starts empty by design (Q282780).</summary>
    public override Recovery Recovery => _settings.Secured ? base.Recovery : Recovery.None;

    protected override SupervisorStrategy SupervisorStrategy()
        => new OneForOneStrategy(_ => Directive.Restart);

    protected override void PreStart()
    {
        _session = Context.ActorOf(Session.Props(_settings.Transport, _settings.Time), "session");
        base.PreStart();
    }

    protected override void OnReplaySuccess()
    {
        base.OnReplaySuccess();
        Self.Tell(RetryTick.Instance);
        Timers.StartPeriodicTimer(QueueBoard.Tick.TimerKey, QueueBoard.Tick.Instance, QueueBoard.PublishInterval);
        _settings.Counters.Queues.Publish(Status());
    }

    private DateTimeOffset Now => _settings.Time.GetUtcNow();

    private void OnEnqueue(Enqueue command)
    {
        if (!_settings.Secured && _state == LinkState.Down)
        {
            // The work queue sent these before it heard the link went down: give them straight back.
            _workQueue.Tell(new EnvelopesReturned(_settings.Name, command.Envelopes, "link is down"));
            return;
        }

        var now = Now;
        var fresh = command.Envelopes.Select(envelope => new QueuedEnvelope(envelope, now)).ToImmutableArray();
        var replyTo = Sender;
        var ids = command.AckRequested ? command.Envelopes.Select(e => e.MessageId).ToImmutableArray() : default;
        if (_settings.Secured)
        {
            var persisting = Stopwatch.GetTimestamp();
            PersistAsync(new EnvelopesEnqueued(fresh), persisted =>
            {
                _settings.Counters.Instruments.JournalWritten(_settings.Name, Stopwatch.GetElapsedTime(persisting), persisted.Envelopes.Length);
                Apply(persisted);
                Context.System.EventStream.Publish(new EnvelopesQueuedTracked(Now, _settings.Name, persisted.Envelopes));
                if (command.AckRequested)
                {
                    replyTo.Tell(new EnqueueAcknowledged(_settings.Name, ids));
                }

                AfterPersist(persisted);
                TryDispatch();
            });
            return;
        }

        Apply(new EnvelopesEnqueued(fresh));
        if (command.AckRequested)
        {
            replyTo.Tell(new EnqueueAcknowledged(_settings.Name, ids));
        }

        TryDispatch();
    }

    private void TryDispatch()
    {
        if (!_inFlight.IsEmpty || _probing || _retryScheduled || _state == LinkState.Suspended)
        {
            return;
        }

        // A link that is down probes the far end when it has nothing it may send: a non-secured one has handed its queue
        // back; a secured one may have been emptied (expiry, removal, purge) and would otherwise never come back up.
        if (_state == LinkState.Down && (!_settings.Secured || _queue.ReadyCount == 0))
        {
            StartProbe();
            return;
        }

        var now = Now;
        while (_queue.ReadyCount > 0)
        {
            var batch = _queue.TakeBatch(_settings.MaxBatchSize);
            var expired = batch.Where(q => q.Envelope.Message.ExpiresAt <= now).ToImmutableArray();
            if (!expired.IsEmpty)
            {
                ReportExpired(expired);
                batch = batch.RemoveRange(expired);
                if (batch.IsEmpty)
                {
                    continue;
                }
            }

            // Content damaged since acceptance (a journal row altered, legacy rows carry no journal checksum) would be
            // refused by the far end as corrupt, batch after batch: isolate it on the poison queue, send the rest.
            var damaged = batch.Where(q => ContentChecksum.Compute(q.Envelope.Message) != q.Envelope.Message.ContentChecksum).ToImmutableArray();
            if (!damaged.IsEmpty)
            {
                Quarantine(damaged, "its stored content fails its own checksum (damaged after it was accepted)");
                batch = batch.RemoveRange(damaged);
                if (batch.IsEmpty)
                {
                    continue;
                }
            }

            _inFlight = batch;
            _batchId++;
            _dispatchedAt = Stopwatch.GetTimestamp();
            _settings.Counters.Instruments.TransferAttempted(_settings.Name);
            var envelopes = batch.Select(q => q.Envelope).ToImmutableArray();
            _session.Tell(new Transfer(_batchId, envelopes, _settings.Retry.TransferTimeout(envelopes[0].Priority)));
            return;
        }
    }

    private void StartProbe()
    {
        _probing = true;
        _batchId++;
        _session.Tell(new Probe(_batchId, _settings.Retry.TransferTimeout(Priority.Urgent)));
    }

    private void OnTransferFinished(TransferFinished finished)
    {
        if (finished.BatchId != _batchId)
        {
            return; // an answer to a batch already given up on (after a crash)
        }

        if (_probing)
        {
            _probing = false;
            if (_state == LinkState.Suspended)
            {
                return;
            }

            if (finished.Outcome is TransferOutcome.Success)
            {
                Recovered();
                TryDispatch();
            }
            else
            {
                Failed(finished.Outcome is TransferOutcome.Failure failure ? failure.Reason : "probe failed", ImmutableArray<QueuedEnvelope>.Empty);
            }

            return;
        }

        var batch = _inFlight;
        _inFlight = ImmutableArray<QueuedEnvelope>.Empty;
        _settings.Counters.Instruments.TransferFinished(
            _settings.Name,
            Stopwatch.GetElapsedTime(_dispatchedAt),
            finished.Outcome is TransferOutcome.Failure failed ? failed.Kind.ToString().ToLowerInvariant() : null);
        switch (finished.Outcome)
        {
            case TransferOutcome.Success { Refused.IsEmpty: true, Deferred.IsEmpty: true } success:
                Delivered(batch, success.DuplicatesSuppressed);
                break;
            case TransferOutcome.Success success:
                DeliveredInPart(batch, success);
                break;
            case TransferOutcome.Failure failure:
                Failed($"{failure.Kind}: {failure.Reason}", batch);
                break;
        }
    }

    private void Delivered(ImmutableArray<QueuedEnvelope> batch, int duplicates)
    {
        var recipients = batch.Sum(q => q.Envelope.Recipients.Length);
        Context.System.EventStream.Publish(new TransferTracked(Now, _settings.Name, batch, null));
        _settings.Counters.AddDelivered(_settings.Name, recipients - duplicates);
        _settings.Counters.AddDuplicatesSuppressed(_settings.Name, duplicates);
        var now = Now;
        foreach (var queued in batch)
        {
            _settings.Counters.Instruments.DeliveryLatency(now - queued.Envelope.Message.SubmittedAt);
        }

        if (batch.IsEmpty)
        {
            // Everything of a partly taken batch was deferred or refused (DeliveredInPart): nothing to journal here.
        }
        else if (_settings.Secured)
        {
            PersistAllAsync(Removal([.. batch.Select(q => q.MessageId)], RemovalReason.Delivered), AfterPersist);
        }
        else
        {
            _workQueue.Tell(new EnvelopesDelivered(_settings.Name, batch.Select(q => q.Envelope).ToImmutableArray()));
        }

        if (_state != LinkState.Suspended && (_state != LinkState.Up || _consecutiveFailures > 0))
        {
            Recovered();
        }

        FlushProgress(batch);

        _consecutiveCrashes = 0;
        _crashesSinceDelivery = 0;
        TryDispatch();
    }

    /// <summary>
    /// A far end that answers per message and per recipient (SMTP) took the batch only in part: deferred messages go back
    /// to the front of the queue as after a failed attempt, messages with refused recipients wait for their non-delivery
    /// reports (their other recipients were delivered), and the rest were delivered.
    /// </summary>
    private void DeliveredInPart(ImmutableArray<QueuedEnvelope> batch, TransferOutcome.Success success)
    {
        var deferredIds = success.Deferred.ToHashSet(StringComparer.Ordinal);
        var refusedById = success.Refused.ToLookup(r => r.MessageId, StringComparer.Ordinal);
        var deferred = batch.Where(q => deferredIds.Contains(q.MessageId)).ToImmutableArray();
        var refused = batch.Where(q => !deferredIds.Contains(q.MessageId) && refusedById.Contains(q.MessageId)).ToImmutableArray();
        if (!deferred.IsEmpty)
        {
            var reason = $"deferred by the far end ({deferred.Length} of {batch.Length} messages)";
            Context.System.EventStream.Publish(new TransferTracked(Now, _settings.Name, deferred, reason));
            _queue.ReturnToFront(deferred);
            var ids = deferred.Select(q => q.MessageId).ToImmutableArray();
            _queue.CountFailedAttempt(ids);
            if (_settings.Secured)
            {
                PersistAsync(new TransferAttempted(ids, reason), AfterPersist);
            }

            ScheduleRetry(_settings.Retry.OpenInterval);
        }

        if (!refused.IsEmpty)
        {
            var failures = ImmutableArray.CreateBuilder<FailedEnvelope>();
            var accepted = ImmutableArray.CreateBuilder<QueuedEnvelope>();
            foreach (var queued in refused)
            {
                _awaitingFailureAck[queued.MessageId] = queued;
                var refusals = refusedById[queued.MessageId].ToList();
                foreach (var answer in refusals.GroupBy(r => r.Diagnostic, StringComparer.Ordinal))
                {
                    var envelope = queued.Envelope with { Recipients = [.. answer.Select(r => r.Recipient)] };
                    failures.Add(new FailedEnvelope(envelope, NonDeliveryReason.RemoteRefused, answer.Key));
                }

                var others = queued.Envelope.Recipients.Where(r => refusals.All(f => f.Recipient != r)).ToImmutableArray();
                if (!others.IsEmpty)
                {
                    accepted.Add(queued with { Envelope = queued.Envelope with { Recipients = others } });
                }
            }

            var delivered = accepted.ToImmutable();
            Context.System.EventStream.Publish(new TransferTracked(Now, _settings.Name, delivered, null));
            _settings.Counters.AddDelivered(_settings.Name, delivered.Sum(q => q.Envelope.Recipients.Length));
            if (!_settings.Secured)
            {
                _workQueue.Tell(new EnvelopesDelivered(_settings.Name, [.. delivered.Select(q => q.Envelope)]));
            }

            _workQueue.Tell(new EnvelopesFailed(_settings.Name, failures.ToImmutable()));
        }

        Delivered([.. batch.Except(deferred).Except(refused)], success.DuplicatesSuppressed);
    }

    private void Recovered()
    {
        _consecutiveFailures = 0;
        SetState(LinkState.Up, "transfer succeeded");
    }

    private void Failed(string reason, ImmutableArray<QueuedEnvelope> batch)
    {
        _lastError = reason;
        if (!batch.IsEmpty)
        {
            Context.System.EventStream.Publish(new TransferTracked(Now, _settings.Name, batch, reason));
            _queue.ReturnToFront(batch);
            var ids = batch.Select(q => q.MessageId).ToImmutableArray();
            _queue.CountFailedAttempt(ids);
            if (_settings.Secured)
            {
                PersistAsync(new TransferAttempted(ids, reason), AfterPersist);
            }
        }

        if (_state == LinkState.Suspended)
        {
            // Suspended while the batch was on the wire: it stays queued; resuming dispatches again.
            AnswerAllFlushes(FlushOutcomes.Disabled);
            return;
        }

        _consecutiveFailures++;

        if (_consecutiveFailures > _settings.Retry.MaxOpenRetries)
        {
            if (_state != LinkState.Down)
            {
                SetState(LinkState.Down, reason);
                if (!_settings.Secured && _queue.ReadyCount > 0)
                {
                    var returned = _queue.Drain().Select(q => q.Envelope).ToImmutableArray();
                    _log.Warning("Link {0} is down ({1}); handing {2} messages back to the work queue", _settings.Name, reason, returned.Length);
                    _workQueue.Tell(new EnvelopesReturned(_settings.Name, returned, reason));
                }
            }
        }
        else
        {
            SetState(LinkState.Retrying, reason);
        }

        AnswerAllFlushes(null);
        ScheduleRetry(_settings.Retry.OpenInterval);
    }

    private void OnSessionCrashed(SessionCrashed crash)
    {
        _consecutiveCrashes++;
        _crashesSinceDelivery++;
        _lastError = $"session crashed: {crash.Reason}";
        _log.Warning("Session of {0} crashed on batch {1}: {2}", _settings.Name, crash.BatchId, crash.Reason);
        if (crash.BatchId == _batchId)
        {
            _probing = false;
            if (!_inFlight.IsEmpty)
            {
                var batch = _inFlight;
                _inFlight = ImmutableArray<QueuedEnvelope>.Empty;
                _settings.Counters.Instruments.TransferFinished(_settings.Name, Stopwatch.GetElapsedTime(_dispatchedAt), "crash");
                Context.System.EventStream.Publish(new TransferTracked(Now, _settings.Name, batch, $"session crashed: {crash.Reason}"));
                var crashed = batch.Select(EnvelopeQueue.Crashed).ToList();
                var suspects = crashed.Where(q => q.Crashes >= PoisonThreshold).ToList();
                var blameMessages = _crashesSinceDelivery <= CrashesBlamedOnMessages;
                var poison = blameMessages ? suspects : [];
                _queue.ReturnToFront([.. crashed.Except(suspects)]);
                foreach (var suspect in suspects.Except(poison))
                {
                    // Everything crashes lately: maybe the transport, maybe a run of poison. Let the others go first;
                    // once one is delivered, crashes count against messages again.
                    _queue.Add(suspect);
                }

                var reason = $"crashed the session of {_settings.Name} {PoisonThreshold} times: {crash.Reason}";
                foreach (var queued in poison)
                {
                    _settings.Counters.Instruments.Quarantined(_settings.Name);
                    _quarantining[queued.MessageId] = (queued, reason);
                }

                if (_settings.Secured)
                {
                    // The crash is journaled before the poison queue hears of it: a restart in between finds the message
                    // here with its crashes counted, never on both queues with fewer.
                    PersistAsync(new TransferCrashed([.. batch.Select(q => q.MessageId)], crash.Reason), persisted =>
                    {
                        AfterPersist(persisted);
                        poison.ForEach(SendToPoisonQueue);
                    });
                }
                else
                {
                    poison.ForEach(SendToPoisonQueue);
                }

                if (poison.Count > 0)
                {
                    Timers.StartPeriodicTimer(QuarantineTimer, QuarantineRetry.Instance, QuarantineRetryInterval);
                }

                if (poison.Count > 0)
                {
                    // The culprit is out of the way: the rest of the queue need not wait out the crash backoff.
                    _consecutiveCrashes = 0;
                    AnswerAllFlushes(null);
                    TryDispatch();
                    return;
                }
            }
        }

        AnswerAllFlushes(null);
        var backoff = TimeSpan.FromMilliseconds(Math.Min(_settings.MaxCrashBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(_consecutiveCrashes - 1, 20))));
        ScheduleRetry(backoff);
    }

    private void Quarantine(IEnumerable<QueuedEnvelope> poison, string reason)
    {
        foreach (var queued in poison)
        {
            _quarantining[queued.MessageId] = (queued, reason);
            SendToPoisonQueue(queued);
        }

        Timers.StartPeriodicTimer(QuarantineTimer, QuarantineRetry.Instance, QuarantineRetryInterval);
    }

    /// <summary>
    /// Hands a poison message to the poison queue; it stays ours (listed as quarantining) until acknowledged, and is
    /// offered again every <see cref="QuarantineRetryInterval"/> until then (the poison queue absorbs repeats).
    /// </summary>
    private void SendToPoisonQueue(QueuedEnvelope queued)
    {
        if (_quarantining.TryGetValue(queued.MessageId, out var quarantining))
        {
            _log.Warning("Message {0} on {1} is poison; quarantining it ({2})", queued.MessageId, _settings.Name, quarantining.Reason);
            _poisonQueue.Tell(new Poison.Quarantine(_settings.Name, queued, quarantining.Reason));
        }
    }

    private void OnQuarantineRetry()
    {
        if (_quarantining.Count == 0)
        {
            Timers.Cancel(QuarantineTimer);
            return;
        }

        foreach (var (queued, reason) in _quarantining.Values)
        {
            _poisonQueue.Tell(new Poison.Quarantine(_settings.Name, queued, reason));
        }
    }

    private void OnQuarantineAccepted(Poison.QuarantineAccepted accepted)
    {
        if (!_quarantining.Remove(accepted.MessageId, out var quarantined))
        {
            return;
        }

        var envelope = quarantined.Queued.Envelope;
        if (_settings.Secured)
        {
            PersistAllAsync(Removal([accepted.MessageId], RemovalReason.Quarantined), AfterPersist);
        }
        else
        {
            _workQueue.Tell(new EnvelopesQuarantined(_settings.Name, [envelope]));
        }
    }

    /// <summary>
    /// An operator's action on one message: hold or release it in place, remove it (the work queue records the removal
    /// and writes the report, if asked, before a secured queue journals it gone), or requeue it to the router (non-secured
    /// only: a secured queue never gives a message back). A message in transfer or already leaving is refused, with why.
    /// </summary>
    private void OnOperate(OperateOnMessage operation)
    {
        var id = operation.MessageId;
        var queued = _queue.Find(id);
        if (queued is null)
        {
            var why = _inFlight.Any(q => q.MessageId == id) ? "being transferred; try again when the transfer ends"
                : _removing.ContainsKey(id) ? "already being removed"
                : _awaitingFailureAck.ContainsKey(id) ? "expired; its non-delivery report is being written"
                : _quarantining.ContainsKey(id) ? "being moved to the poison queue"
                : null;
            Sender.Tell(why is null ? MessageOperated.NotHere(_settings.Name) : Refused(why));
            return;
        }

        switch (operation.Action)
        {
            case MessageAction.Hold when queued.Held:
                Sender.Tell(Done("held already"));
                break;
            case MessageAction.Hold:
                ChangeHold(queued, hold: true);
                break;
            case MessageAction.Release when !queued.Held:
                Sender.Tell(Refused("not held"));
                break;
            case MessageAction.Release:
                ChangeHold(queued, hold: false);
                break;
            case MessageAction.Remove:
                Remove(queued, operation.Report);
                break;
            case MessageAction.Requeue when _settings.Secured:
                Sender.Tell(Refused("on a secured queue, which never gives a message back to be routed again; retry the queue or remove the message"));
                break;
            case MessageAction.Requeue:
                _queue.Remove(id);
                Context.System.EventStream.Publish(QueueOperationTracked.Of(Now, "requeued", _settings.Name, queued.Envelope, "handed back to the router"));
                _workQueue.Tell(new EnvelopesRequeued(_settings.Name, [queued.Envelope]));
                Sender.Tell(Done("handed back to the router"));
                break;
        }
    }

    private void ChangeHold(QueuedEnvelope queued, bool hold)
    {
        var replyTo = Sender;
        var (tracked, detail) = hold ? ("held", "held by an operator") : ("released", "released by an operator");
        void Changed()
        {
            if (hold)
            {
                if (!_queue.Hold(queued.MessageId))
                {
                    // Taken into a transfer while the hold was being journaled: the transfer decides.
                    if (_settings.Secured)
                    {
                        PersistAsync(new EnvelopesReleased([queued.MessageId]), AfterPersist);
                    }

                    replyTo.Tell(Refused("being transferred; try again when the transfer ends"));
                    return;
                }
            }
            else if (!_settings.Secured && _state == LinkState.Down)
            {
                // This link has handed the rest of its queue back: the released message follows it to the router.
                _queue.Remove(queued.MessageId);
                _workQueue.Tell(new EnvelopesReturned(_settings.Name, [queued.Envelope], "released on a link that is down"));
            }
            else
            {
                _queue.Release(queued.MessageId);
                TryDispatch();
            }

            Context.System.EventStream.Publish(QueueOperationTracked.Of(Now, tracked, _settings.Name, queued.Envelope, detail));
            replyTo.Tell(Done(detail));
        }

        if (_settings.Secured)
        {
            Persist<IPersistedEvent>(hold ? new EnvelopesHeld([queued.MessageId]) : new EnvelopesReleased([queued.MessageId]), persisted =>
            {
                Changed();
                AfterPersist(persisted);
            });
        }
        else
        {
            Changed();
        }
    }

    private void Remove(QueuedEnvelope queued, bool report)
    {
        var replyTo = Sender;
        void Removing()
        {
            _queue.Remove(queued.MessageId);
            _awaitingFailureAck[queued.MessageId] = queued with { Held = true };
            _removing[queued.MessageId] = (replyTo, report);
            var failure = new FailedEnvelope(queued.Envelope, NonDeliveryReason.Removed, $"removed from {_settings.Name} by an operator");
            _workQueue.Tell(new EnvelopesFailed(_settings.Name, [failure], report));
        }

        if (_settings.Secured && !queued.Held)
        {
            // Held first, journaled: a restart before the removal is journaled finds the message held, never delivered
            // after its report went out. The operator removes it again.
            Persist(new EnvelopesHeld([queued.MessageId]), persisted =>
            {
                AfterPersist(persisted);
                if (_queue.Hold(queued.MessageId))
                {
                    Removing();
                }
                else
                {
                    replyTo.Tell(Refused("being transferred; try again when the transfer ends"));
                }
            });
        }
        else
        {
            Removing();
        }
    }

    /// <summary>
    /// Retry now: skip the retry wait and try the queue (or probe a link that is down). A non-secured link also hands
    /// its waiting messages back to the router, which routes them again (over an alternate route when there is one).
    /// </summary>
    private void OnRetry()
    {
        if (_state == LinkState.Suspended)
        {
            Sender.Tell(new QueueRetried(_settings.Name, StateName, 0, Refused: true, "the link is suspended; resume it first"));
            return;
        }

        var rerouted = 0;
        if (!_settings.Secured && _queue.ReadyCount > 0)
        {
            var returned = _queue.Drain().Select(q => q.Envelope).ToImmutableArray();
            rerouted = returned.Length;
            _workQueue.Tell(new EnvelopesRequeued(_settings.Name, returned));
        }

        SkipRetryWait();
        TryDispatch();
        var detail = _settings.Secured ? "trying the queue now" : $"handed {rerouted} messages back to the router; trying the link now";
        Sender.Tell(new QueueRetried(_settings.Name, StateName, rerouted, Refused: false, detail));
    }

    private MessageOperated Done(string detail) => new(_settings.Name, MessageOperationOutcome.Done, detail);

    private MessageOperated Refused(string detail) => new(_settings.Name, MessageOperationOutcome.Refused, detail);

    /// <summary>
    /// Removes the waiting messages of the purged classes; a secured queue journals the removal first (EnvelopesRemoved,
    /// reason Purged), so they never come back after a restart. Messages on the wire are reported, not touched.
    /// </summary>
    private void OnPurge(Purge.PurgeMessages purge)
    {
        var matching = _queue.Items.Where(q => purge.Classes.Contains(q.Envelope.Message.Class)).ToList();
        var report = new Purge.PurgedFromQueue(
            _settings.Name,
            [.. matching.Select(q => new Purge.PurgedMessage(q.MessageId, q.Envelope.Message.Class, [.. q.Envelope.Recipients.Select(r => r.Value)]))],
            [.. _inFlight.Where(q => purge.Classes.Contains(q.Envelope.Message.Class)).Select(q => q.MessageId)]);
        if (purge.DryRun || matching.Count == 0)
        {
            Sender.Tell(report);
            return;
        }

        var replyTo = Sender;
        void Removed()
        {
            foreach (var queued in matching)
            {
                _queue.Remove(queued.MessageId);
            }

            Context.System.EventStream.Publish(new Purge.MessagesPurgedTracked(Now, _settings.Name, report.Messages));
            replyTo.Tell(report);
        }

        if (_settings.Secured)
        {
            Persist(new EnvelopesRemoved([.. matching.Select(q => q.MessageId)], RemovalReason.Purged), _ => Removed());
        }
        else
        {
            Removed();
        }
    }

    private void OnSuspend(SuspendLink suspend)
    {
        if (_state != LinkState.Suspended)
        {
            _lastError = suspend.Reason;
            SetState(LinkState.Suspended, suspend.Reason);
        }

        AnswerAllFlushes(FlushOutcomes.Disabled);
        Sender.Tell(Status());
    }

    private void OnResume()
    {
        if (_state == LinkState.Suspended)
        {
            _consecutiveFailures = 0;
            SetState(LinkState.Up, "resumed by an operator");
            SkipRetryWait();
            TryDispatch();
        }

        Sender.Tell(Status());
    }

    /// <summary>
    /// KB924567: a flush never waits on a disabled link, and never beyond its bound: it answers at once when there is
    /// nothing to try, else moves the recipient's messages to the front, skips the retry wait and answers when they are
    /// delivered, when a transfer fails, or when its timer fires, whichever comes first.
    /// </summary>
    private void OnFlush(FlushLink flush)
    {
        var matching = _inFlight.Concat(_queue.Items)
            .Where(q => flush.Recipient is null || q.Envelope.Recipients.Contains(flush.Recipient))
            .ToList();
        var ids = matching.Select(q => q.MessageId).ToHashSet(StringComparer.Ordinal);
        if (_state == LinkState.Suspended || matching.Count == 0)
        {
            var outcome = _state switch
            {
                LinkState.Suspended => FlushOutcomes.Disabled,
                LinkState.Down => FlushOutcomes.Down,
                _ => FlushOutcomes.Empty,
            };
            Sender.Tell(new FlushReport(_settings.Name, StateName, ids.Count, 0, ids.Count, outcome));
            return;
        }

        if (flush.Recipient is not null)
        {
            var queued = matching.Where(q => _queue.Remove(q.MessageId)).ToList();
            _queue.ReturnToFront(queued);
        }

        var id = ++_flushId;
        _flushes[id] = new PendingFlush(Sender, ids, ids.Count);
        Timers.StartSingleTimer(FlushTimer(id), new FlushExpired(id), flush.Bound);
        SkipRetryWait();
        TryDispatch();
    }

    private void SkipRetryWait()
    {
        if (_retryScheduled)
        {
            Timers.Cancel(RetryTimer);
            _retryScheduled = false;
        }
    }

    private void FlushProgress(ImmutableArray<QueuedEnvelope> delivered)
    {
        if (_flushes.Count == 0)
        {
            return;
        }

        foreach (var (id, flush) in _flushes.ToList())
        {
            foreach (var queued in delivered)
            {
                if (flush.Waiting.Remove(queued.MessageId))
                {
                    flush.Delivered++;
                }
            }

            if (flush.Waiting.Count == 0)
            {
                AnswerFlush(id, FlushOutcomes.Delivered);
            }
        }
    }

    /// <summary>Answers every pending flush: with <paramref name="outcome"/>, or (null) as a transfer failure would.</summary>
    private void AnswerAllFlushes(string? outcome)
    {
        foreach (var id in _flushes.Keys.ToList())
        {
            AnswerFlush(id, outcome);
        }
    }

    private void AnswerFlush(long id, string? outcome)
    {
        if (!_flushes.Remove(id, out var flush))
        {
            return; // already answered
        }

        Timers.Cancel(FlushTimer(id));
        outcome ??= _state == LinkState.Down ? FlushOutcomes.Down : flush.Delivered > 0 ? FlushOutcomes.Partial : FlushOutcomes.Failed;
        var remaining = flush.Waiting.Count(m => _queue.Contains(m) || _inFlight.Any(q => q.MessageId == m));
        flush.ReplyTo.Tell(new FlushReport(_settings.Name, StateName, flush.Requested, flush.Delivered, remaining, outcome));
    }

    private static string FlushTimer(long id) => $"flush-{id}";

    private string StateName => _state.ToString().ToLowerInvariant();

    private void ScheduleRetry(TimeSpan delay)
    {
        _retryScheduled = true;
        Timers.StartSingleTimer(RetryTimer, RetryTick.Instance, delay);
    }

    private void ReportExpired(ImmutableArray<QueuedEnvelope> expired)
    {
        foreach (var queued in expired)
        {
            _awaitingFailureAck[queued.MessageId] = queued;
        }

        var failures = expired
            .Select(q => new FailedEnvelope(q.Envelope, NonDeliveryReason.Expired, $"expired on {_settings.Name} at {q.Envelope.Message.ExpiresAt:O}"))
            .ToImmutableArray();
        _workQueue.Tell(new EnvelopesFailed(_settings.Name, failures));
    }

    private void OnFailuresAcknowledged(FailuresAcknowledged acknowledged)
    {
        var ids = acknowledged.MessageIds.Where(id => _awaitingFailureAck.ContainsKey(id)).ToImmutableArray();
        if (ids.IsEmpty)
        {
            return;
        }

        void Finished()
        {
            foreach (var id in ids)
            {
                _awaitingFailureAck.Remove(id, out var queued);
                if (_removing.Remove(id, out var removal))
                {
                    var detail = MessageOperated.RemovalDetail(removal.Report);
                    Context.System.EventStream.Publish(QueueOperationTracked.Of(Now, "removed", _settings.Name, queued!.Envelope, detail));
                    removal.ReplyTo.Tell(Done(detail));
                }
            }
        }

        if (!_settings.Secured)
        {
            Finished();
            return;
        }

        // A removal without a report is journaled as such, so the journal says why each message left.
        var silent = ids.Where(id => _removing.TryGetValue(id, out var removal) && !removal.Report).ToImmutableArray();
        var reported = ids.Except(silent).ToImmutableArray();
        var events = new List<IPersistedEvent>();
        if (!reported.IsEmpty)
        {
            events.AddRange(Removal(reported, RemovalReason.NonDelivered));
        }

        if (!silent.IsEmpty)
        {
            events.AddRange(Removal(silent, RemovalReason.Removed));
        }

        var last = events[^1];
        PersistAll(events, removed =>
        {
            AfterPersist(removed);
            if (ReferenceEquals(removed, last))
            {
                Finished();
            }
        });
    }

    /// <summary>
    /// The events that journal messages leaving a secured queue. A removal names message ids, so another copy of one of
    /// them still here (more recipients, enqueued while this one was out; or the copy in transfer) is journaled again
    /// after it: replay would otherwise remove it with the one that left.
    /// </summary>
    private List<IPersistedEvent> Removal(ImmutableArray<string> ids, RemovalReason reason)
    {
        var events = new List<IPersistedEvent> { new EnvelopesRemoved(ids, reason) };
        var staying = ids.Select(_queue.Find).OfType<QueuedEnvelope>()
            .Concat(_inFlight.Where(q => ids.Contains(q.MessageId))) // usually empty: checked per in-flight message only
            .ToImmutableArray();
        if (!staying.IsEmpty)
        {
            events.Add(new EnvelopesEnqueued(staying));
        }

        return events;
    }

    private void SetState(LinkState state, string reason)
    {
        if (_state == state)
        {
            return;
        }

        _log.Info("Link {0}: {1} -> {2} ({3})", _settings.Name, _state, state, reason);
        _state = state;
        _workQueue.Tell(new LinkStateChanged(_settings.Name, state, reason));
        _settings.Counters.Queues.Publish(Status());
    }

    private void Apply(EnvelopesEnqueued enqueued) => SecuredQueueJournal.Apply(_queue, enqueued);

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
        if (_snapshots.Due(Length))
        {
            _snapshots.Taken();
            var content = _inFlight.Concat(_queue.Items).Concat(_awaitingFailureAck.Values).Concat(_quarantining.Values.Select(q => q.Queued)).ToImmutableArray();
            SaveSnapshot(new SecuredQueueSnapshot(content));
        }
    }

    /// <summary>
    /// Everything the queue holds, as an operator sees it: in transfer, waiting its turn, held, expired or removed awaiting
    /// the work queue, and poison on its way to the poison queue.
    /// </summary>
    private IEnumerable<QueuedMessageView> Listed()
    {
        var now = Now;
        var waiting = _state == LinkState.Up ? QueuedMessageStates.Ready : QueuedMessageStates.Retrying;
        QueuedMessageView View(QueuedEnvelope queued, string state, string? detail = null)
            => QueuedMessageView.Of(queued.Envelope.Message, queued.Envelope.Recipients.Select(r => r.Value), queued.EnqueuedAt, now, state, queued.FailedAttempts, detail);

        return _inFlight.Select(q => View(q, QueuedMessageStates.Sending))
            .Concat(_queue.Items.Select(q => q.Held ? View(q, QueuedMessageStates.Held, "held by an operator") : View(q, waiting)))
            .Concat(_awaitingFailureAck.Values.Select(q => _removing.ContainsKey(q.MessageId) ? View(q, QueuedMessageStates.Removing) : View(q, QueuedMessageStates.Failing)))
            .Concat(_quarantining.Values.Select(q => View(q.Queued, QueuedMessageStates.Quarantining, q.Reason)));
    }

    private int Length => _queue.Count + _inFlight.Length + _awaitingFailureAck.Count + _quarantining.Count;

    private QueueStatus Status()
    {
        var now = Now;
        var oldest = new[] { _queue.OldestEnqueuedAt(), _inFlight.IsEmpty ? null : _inFlight.Min(q => q.EnqueuedAt) }
            .Where(t => t is not null)
            .Select(t => t!.Value)
            .DefaultIfEmpty(now)
            .Min();
        return new QueueStatus(
            _settings.QueueId,
            _settings.Name,
            _settings.Kind,
            _settings.Secured,
            StateName,
            Length,
            Math.Max(0, (now - oldest).TotalSeconds),
            _state == LinkState.Up ? null : _lastError);
    }

    /// <summary>A flush waiting for its messages: who asked, which are still undelivered, and how many were delivered.</summary>
    private sealed class PendingFlush(IActorRef replyTo, HashSet<string> waiting, int requested)
    {
        public IActorRef ReplyTo { get; } = replyTo;

        public HashSet<string> Waiting { get; } = waiting;

        public int Requested { get; } = requested;

        public int Delivered { get; set; }
    }

    /// <summary>Timer: a flush's bound has passed.</summary>
    private sealed record FlushExpired(long FlushId);

    /// <summary>Timer: offer the poison queue the messages it has not acknowledged yet.</summary>
    private sealed record QuarantineRetry
    {
        public static readonly QuarantineRetry Instance = new();
    }
}
