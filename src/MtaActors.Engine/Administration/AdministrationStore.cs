using Akka.Actor;
using Akka.Persistence;
using MtaActors.Engine.Persistence;

namespace MtaActors.Engine.Administration;

/// <summary>
/// The persistent record of what operators switched off (suspended links, a disabled MTA), so that a restart brings
/// the MTA back as it was left: a link suspended before a crash starts suspended. Changes are rare: every one is
/// journaled, and a snapshot every <see cref="SnapshotEvery"/> changes keeps the journal short.
/// </summary>
public sealed class AdministrationStore : ReceivePersistentActor
{
    public const string Id = "mta-administration";

    private const int SnapshotEvery = 50;

    private readonly SnapshotRetention _retention = new();
    private AdministrationState _state = AdministrationState.Empty;

    public AdministrationStore()
    {
        Recover<SnapshotOffer>(offer =>
        {
            _retention.Offered(offer.Metadata);
            _state = _state.Apply(offer.Snapshot);
        });
        Recover<LinkSuspensionRecorded>(e => _state = _state.Apply(e));
        Recover<LinkResumptionRecorded>(e => _state = _state.Apply(e));
        Recover<MtaDisabledRecorded>(e => _state = _state.Apply(e));
        Recover<MtaEnabledRecorded>(e => _state = _state.Apply(e));

        Command<GetAdministrationState>(_ => Sender.Tell(_state));
        Command<RecordAdministration>(record =>
        {
            var replyTo = Sender;
            Persist(record.Change, change =>
            {
                _state = _state.Apply(change);
                replyTo.Tell(_state);
                if (LastSequenceNr % SnapshotEvery == 0)
                {
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

    public static Props Props() => Akka.Actor.Props.Create(() => new AdministrationStore());

    public override string PersistenceId => Id;
}
