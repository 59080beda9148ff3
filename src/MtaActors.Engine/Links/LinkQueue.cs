using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;
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
/// goes back to the front of the queue.
/// </summary>
public sealed class LinkQueue : ReceivePersistentActor, IWithTimers
{
    private const string RetryTimer = "retry";

    private readonly LinkQueueSettings _settings;
    private readonly IActorRef _workQueue;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly EnvelopeQueue _queue = new();
    private readonly Dictionary<string, QueuedEnvelope> _awaitingFailureAck = new(StringComparer.Ordinal);
    private IActorRef _session = ActorRefs.Nobody;
    private ImmutableArray<QueuedEnvelope> _inFlight = ImmutableArray<QueuedEnvelope>.Empty;
    private long _batchId;
    private bool _probing;
    private bool _retryScheduled;
    private int _consecutiveFailures;
    private int _consecutiveCrashes;
    private LinkState _state;
    private string _lastError;
    private readonly SnapshotPolicy _snapshots;
    private readonly Dictionary<long, PendingFlush> _flushes = [];
    private long _flushId;

    public LinkQueue(LinkQueueSettings settings, IActorRef workQueue)
    {
        _settings = settings;
        _workQueue = workQueue;
        _state = settings.InitialState;
        _snapshots = new SnapshotPolicy(settings.SnapshotMinInterval);
        _lastError = settings.InitialReason ?? "";

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is SecuredQueueSnapshot snapshot)
            {
                foreach (var queued in snapshot.Envelopes)
                {
                    _queue.Add(queued);
                }
            }
        });
        Recover<EnvelopesEnqueued>(enqueued => Replayed(enqueued, Apply));
        Recover<TransferAttempted>(attempted => Replayed(attempted, Apply));
        Recover<EnvelopesRemoved>(removed => Replayed(removed, Apply));
        Recover<RecoveryCompleted>(_ =>
        {
            SnapshotIfDue();
            if (_queue.Count > 0)
            {
                _log.Info("Secured queue {0} recovered {1} messages", _settings.Name, _queue.Count);
            }
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
        Command<ListQueue>(request => Sender.Tell(QueueListing.Page(_settings.Name, Listed(), request)));
        Command<SuspendLink>(OnSuspend);
        Command<ResumeLink>(_ => OnResume());
        Command<FlushLink>(OnFlush);
        Command<Purge.PurgeMessages>(OnPurge);
        Command<FlushExpired>(expired => AnswerFlush(expired.FlushId, FlushOutcomes.Timeout));
        Command<SaveSnapshotSuccess>(success =>
        {
            DeleteMessages(success.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(success.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failure => _log.Warning("Snapshot of {0} failed: {1}", _settings.Name, failure.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => _log.Warning("Deleting old events of {0} failed: {1}", _settings.Name, failure.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning("Deleting old snapshots of {0} failed: {1}", _settings.Name, failure.Cause.Message));
    }

    public static Props Props(LinkQueueSettings settings, IActorRef workQueue)
        => Akka.Actor.Props.Create(() => new LinkQueue(settings, workQueue));

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
            PersistAsync(new EnvelopesEnqueued(fresh), persisted =>
            {
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

        if (_state == LinkState.Down && !_settings.Secured)
        {
            StartProbe();
            return;
        }

        var now = Now;
        while (_queue.Count > 0)
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

            _inFlight = batch;
            _batchId++;
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
        switch (finished.Outcome)
        {
            case TransferOutcome.Success success:
                Delivered(batch, success.DuplicatesSuppressed);
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
        _settings.Counters.AddDelivered(recipients - duplicates);
        _settings.Counters.AddDuplicatesSuppressed(duplicates);
        if (_settings.Secured)
        {
            PersistAsync(new EnvelopesRemoved(batch.Select(q => q.MessageId).ToImmutableArray(), RemovalReason.Delivered), AfterPersist);
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
        TryDispatch();
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
                if (!_settings.Secured && _queue.Count > 0)
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
        _lastError = $"session crashed: {crash.Reason}";
        _log.Warning("Session of {0} crashed on batch {1}: {2}", _settings.Name, crash.BatchId, crash.Reason);
        if (crash.BatchId == _batchId)
        {
            _probing = false;
            if (!_inFlight.IsEmpty)
            {
                _queue.ReturnToFront(_inFlight);
                _queue.CountFailedAttempt(_inFlight.Select(q => q.MessageId));
                _inFlight = ImmutableArray<QueuedEnvelope>.Empty;
            }
        }

        AnswerAllFlushes(null);
        var backoff = TimeSpan.FromMilliseconds(Math.Min(_settings.MaxCrashBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(_consecutiveCrashes - 1, 20))));
        ScheduleRetry(backoff);
    }

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
        var ids = acknowledged.MessageIds.Where(_awaitingFailureAck.Remove).ToImmutableArray();
        if (_settings.Secured && !ids.IsEmpty)
        {
            PersistAsync(new EnvelopesRemoved(ids, RemovalReason.NonDelivered), AfterPersist);
        }
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
    }

    private void Apply(EnvelopesEnqueued enqueued)
    {
        foreach (var queued in enqueued.Envelopes)
        {
            _queue.Add(queued);
        }
    }

    private void Apply(TransferAttempted attempted) => _queue.CountFailedAttempt(attempted.MessageIds);

    private void Apply(EnvelopesRemoved removed)
    {
        foreach (var id in removed.MessageIds)
        {
            _queue.Remove(id);
        }
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
        if (_snapshots.Due(_queue.Count + _inFlight.Length))
        {
            _snapshots.Taken();
            var content = _inFlight.Concat(_queue.Items).Concat(_awaitingFailureAck.Values).ToImmutableArray();
            SaveSnapshot(new SecuredQueueSnapshot(content));
        }
    }

    /// <summary>Everything the queue holds, as an operator sees it: in transfer, waiting its turn, and expired awaiting its report.</summary>
    private IEnumerable<QueuedMessageView> Listed()
    {
        var now = Now;
        var waiting = _state == LinkState.Up ? QueuedMessageStates.Ready : QueuedMessageStates.Retrying;
        QueuedMessageView View(QueuedEnvelope queued, string state)
            => QueuedMessageView.Of(queued.Envelope.Message, queued.Envelope.Recipients.Select(r => r.Value), queued.EnqueuedAt, now, state, queued.FailedAttempts);

        return _inFlight.Select(q => View(q, QueuedMessageStates.Sending))
            .Concat(_queue.Items.Select(q => View(q, waiting)))
            .Concat(_awaitingFailureAck.Values.Select(q => View(q, QueuedMessageStates.Failing)));
    }

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
            _queue.Count + _inFlight.Length + _awaitingFailureAck.Count,
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
}
