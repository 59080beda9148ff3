using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Akka.Persistence;
using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Links;
using MtaActors.Engine.Persistence;
using MtaActors.Engine.Queues;
using MtaActors.Engine.Tracking;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Engine.Poison;

/// <summary>
/// The poison queue: messages whose transfer crashed a link's session twice, taken off that link so the rest of its
/// queue keeps flowing. Always journaled (whatever the link was), always suspended: nothing leaves it but by an
/// operator's hand. Release hands a message back to the router (journaled there first), which routes it again; remove
/// drops it, with a non-delivery report when asked (written by the work queue first). Registered in the super queue
/// like every other queue.
/// </summary>
public sealed class PoisonQueue : ReceivePersistentActor, IWithTimers
{
    public const string Name = "poison";
    public const string PersistenceIdValue = "poison-queue";

    private readonly SnapshotRetention _retention = new();
    private readonly string _queueId;
    private readonly IActorRef _workQueue;
    private readonly TimeProvider _time;
    private readonly Metrics.MtaCounters _counters;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly PoisonQueueState _state = new();
    private readonly SnapshotPolicy _snapshots;

    /// <summary>Operations waiting for the work queue: by message id, who asked and how the message leaves.</summary>
    private readonly Dictionary<string, (IActorRef ReplyTo, QuarantineExit Exit)> _leaving = new(StringComparer.Ordinal);

    /// <summary>
    /// A message quarantined again while its release is still under way (released, routed, crashed twice more): taken in
    /// afresh once the release is journaled, rather than absorbed as a repeat of the record about to be lifted.
    /// </summary>
    private readonly Dictionary<string, (Quarantine Request, IActorRef ReplyTo)> _again = new(StringComparer.Ordinal);

    public ITimerScheduler Timers { get; set; } = null!;

    public PoisonQueue(string queueId, IActorRef workQueue, Metrics.MtaCounters counters, TimeProvider time, int snapshotMinInterval)
    {
        _queueId = queueId;
        _counters = counters;
        _workQueue = workQueue;
        _time = time;
        _snapshots = new SnapshotPolicy(snapshotMinInterval);

        Recover<SnapshotOffer>(offer =>
        {
            _retention.Offered(offer.Metadata);
            _state.Apply(offer.Snapshot);
        });
        Recover<MessageQuarantined>(Replayed);
        Recover<QuarantineLifted>(Replayed);
        Recover<RecoveryCompleted>(_ =>
        {
            _counters.SetQuarantined(_state.Count);
            _counters.Queues.Publish(Status());
            Timers.StartPeriodicTimer(Metrics.QueueBoard.Tick.TimerKey, Metrics.QueueBoard.Tick.Instance, Metrics.QueueBoard.PublishInterval);
            if (_state.Count > 0)
            {
                _log.Warning("Poison queue holds {0} quarantined messages", _state.Count);
            }
        });

        Command<Quarantine>(OnQuarantine);
        Command<OperateOnMessage>(OnOperate);
        Command<ReinstateAccepted>(accepted => Lift(accepted.MessageIds, QuarantineExit.Released));
        Command<FailuresAcknowledged>(acknowledged => Lift(acknowledged.MessageIds, QuarantineExit.Reported));
        Command<GetQueueStatus>(_ => Sender.Tell(Status()));
        Command<Metrics.QueueBoard.Tick>(_ => _counters.Queues.Publish(Status()));
        Command<ListQueue>(request => Sender.Tell(QueueListing.Page(Name, Listed(), request)));
        Command<RetryQueue>(_ => Sender.Tell(new QueueRetried(Name, "suspended", 0, Refused: true, "the poison queue is never retried: release its messages one at a time")));
        Command<SaveSnapshotSuccess>(success =>
        {
            // Keep the previous snapshot and the events after it: losing the newest snapshot must lose nothing.
            if (_retention.Saved(success.Metadata) is { } previous)
            {
                DeleteMessages(previous);
                DeleteSnapshots(new SnapshotSelectionCriteria(previous - 1));
            }
        });
        Command<SaveSnapshotFailure>(failure => _log.Warning("Poison queue snapshot failed: {0}", failure.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(failure => _log.Warning("Deleting old poison queue events failed: {0}", failure.Cause.Message));
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(failure => _log.Warning("Deleting old poison queue snapshots failed: {0}", failure.Cause.Message));
    }

    public static Props Props(string queueId, IActorRef workQueue, Metrics.MtaCounters counters, TimeProvider time, int snapshotMinInterval)
        => Akka.Actor.Props.Create(() => new PoisonQueue(queueId, workQueue, counters, time, snapshotMinInterval));

    public override string PersistenceId => PersistenceIdValue;

    private DateTimeOffset Now => _time.GetUtcNow();

    private void OnQuarantine(Quarantine quarantine)
    {
        var replyTo = Sender;
        if (_leaving.ContainsKey(quarantine.Envelope.MessageId))
        {
            _again[quarantine.Envelope.MessageId] = (quarantine, replyTo);
            return;
        }

        if (_state.Find(quarantine.Envelope.MessageId) is not null)
        {
            replyTo.Tell(new QuarantineAccepted(quarantine.Envelope.MessageId));
            return;
        }

        var message = new QuarantinedMessage(quarantine.Envelope with { Held = false }, quarantine.Link, quarantine.Reason, Now);
        Persist(new MessageQuarantined(message), quarantined =>
        {
            _state.Apply(quarantined);
            _counters.SetQuarantined(_state.Count);
            _log.Warning("Message {0} quarantined from {1}: {2}", message.MessageId, quarantine.Link, quarantine.Reason);
            Context.System.EventStream.Publish(QueueOperationTracked.Of(Now, "quarantined", Name, message.Envelope.Envelope, $"from {quarantine.Link}: {quarantine.Reason}"));
            replyTo.Tell(new QuarantineAccepted(message.MessageId));
            AfterPersist(quarantined);
        });
    }

    private void OnOperate(OperateOnMessage operation)
    {
        if (_state.Find(operation.MessageId) is not { } message)
        {
            Sender.Tell(MessageOperated.NotHere(Name));
            return;
        }

        if (_leaving.ContainsKey(message.MessageId))
        {
            Sender.Tell(new MessageOperated(Name, MessageOperationOutcome.Refused, "already leaving the poison queue"));
            return;
        }

        switch (operation.Action)
        {
            case MessageAction.Release:
                _leaving[message.MessageId] = (Sender, QuarantineExit.Released);
                _workQueue.Tell(new ReinstateMessages([message.Envelope.Envelope]));
                break;
            case MessageAction.Remove when operation.Report:
                _leaving[message.MessageId] = (Sender, QuarantineExit.Reported);
                _workQueue.Tell(new EnvelopesFailed(Name, [new FailedEnvelope(message.Envelope.Envelope, NonDeliveryReason.Removed, "removed from the poison queue by an operator")]));
                break;
            case MessageAction.Remove:
                _leaving[message.MessageId] = (Sender, QuarantineExit.Removed);
                Lift([message.MessageId], QuarantineExit.Removed);
                break;
            case MessageAction.Hold:
                Sender.Tell(new MessageOperated(Name, MessageOperationOutcome.Refused, "a quarantined message is held already; release or remove it"));
                break;
            default:
                Sender.Tell(new MessageOperated(Name, MessageOperationOutcome.Refused, "release a quarantined message to hand it back to the router"));
                break;
        }
    }

    /// <summary>Journals that messages left quarantine, then answers whoever asked.</summary>
    private void Lift(ImmutableArray<string> messageIds, QuarantineExit exit)
    {
        var leaving = messageIds.Where(id => _leaving.TryGetValue(id, out var pending) && pending.Exit == exit && _state.Find(id) is not null).ToImmutableArray();
        if (leaving.IsEmpty)
        {
            return;
        }

        Persist(new QuarantineLifted(leaving, exit), lifted =>
        {
            foreach (var id in lifted.MessageIds)
            {
                var message = _state.Find(id)!;
                var (replyTo, _) = _leaving[id];
                _leaving.Remove(id);
                var detail = exit == QuarantineExit.Released ? "handed back to the router" : MessageOperated.RemovalDetail(exit == QuarantineExit.Reported);
                Context.System.EventStream.Publish(QueueOperationTracked.Of(Now, exit == QuarantineExit.Released ? "released" : "removed", Name, message.Envelope.Envelope, detail));
                replyTo.Tell(new MessageOperated(Name, MessageOperationOutcome.Done, detail));
            }

            _state.Apply(lifted);
            _counters.SetQuarantined(_state.Count);
            AfterPersist(lifted);
            foreach (var id in lifted.MessageIds)
            {
                if (_again.Remove(id, out var again))
                {
                    Self.Tell(again.Request, again.ReplyTo);
                }
            }
        });
    }

    private IEnumerable<QueuedMessageView> Listed()
    {
        var now = Now;
        return _state.Messages.Select(m => QueuedMessageView.Of(
            m.Envelope.Envelope.Message,
            m.Envelope.Envelope.Recipients.Select(r => r.Value),
            m.QuarantinedAt,
            now,
            QueuedMessageStates.Poisoned,
            m.Envelope.FailedAttempts,
            $"from {m.Link}: {m.Reason}"));
    }

    private QueueStatus Status()
    {
        var now = Now;
        var oldest = _state.Messages.Select(m => m.QuarantinedAt).DefaultIfEmpty(now).Min();
        return new QueueStatus(_queueId, Name, Name, true, "suspended", _state.Count, Math.Max(0, (now - oldest).TotalSeconds), "messages that crashed a link's session twice; release or remove them by hand");
    }

    private void Replayed(object persisted)
    {
        _state.Apply(persisted);
        _snapshots.Recorded(persisted);
    }

    private void AfterPersist(object persisted)
    {
        _snapshots.Recorded(persisted);
        if (_snapshots.Due(_state.Count))
        {
            _snapshots.Taken();
            SaveSnapshot(_state.ToSnapshot());
        }
    }
}
