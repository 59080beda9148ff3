using System.Collections.Immutable;
using Akka.Actor;
using Akka.Persistence;
using MtaActors.Engine.Persistence;

namespace MtaActors.Engine.SuperQueue;

/// <summary>
/// The super queue (the queue of queues, DB000001 in Exchange 5.5): a persistent registry giving every queue a stable id.
/// Secured queues journal under their link's name, not under this id, so losing the registry can cost ids but never mail.
/// </summary>
public sealed class SuperQueue : ReceivePersistentActor
{
    private readonly SnapshotRetention _retention = new();
    private SuperQueueState _state = SuperQueueState.Empty;

    public SuperQueue()
    {
        Recover<SnapshotOffer>(offer =>
        {
            _retention.Offered(offer.Metadata);
            if (offer.Snapshot is SuperQueueSnapshot snapshot)
            {
                _state = SuperQueueState.From(snapshot);
            }
        });
        Recover<QueueRegistered>(registered => _state = _state.Updated(registered));

        Command<RegisterQueues>(register =>
        {
            var replyTo = Sender;
            var events = _state.Register(register.Queues);
            if (events.IsEmpty)
            {
                replyTo.Tell(new QueuesRegistered([.. _state.ByName.Values]));
                return;
            }

            var last = events[^1];
            PersistAll(events, registered =>
            {
                _state = _state.Updated(registered);
                if (ReferenceEquals(registered, last))
                {
                    replyTo.Tell(new QueuesRegistered([.. _state.ByName.Values]));
                    SaveSnapshot(_state.ToSnapshot());
                }
            });
        });
        Command<SaveSnapshotSuccess>(success =>
        {
            // Keep the previous snapshot and the events after it: losing the newest snapshot must lose nothing.
            if (_retention.Saved(success.Metadata) is { } previous)
            {
                DeleteMessages(previous);
                DeleteSnapshots(new SnapshotSelectionCriteria(previous - 1));
            }
        });
        Command<SaveSnapshotFailure>(_ => { });
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    public const string Id = "super-queue";

    public static Props Props() => Akka.Actor.Props.Create(() => new SuperQueue());

    public override string PersistenceId => Id;

    public ImmutableDictionary<string, QueueEntry> Queues => _state.ByName;
}
