using System.Collections.Frozen;

namespace MtaActors.Engine.Persistence;

/// <summary>
/// The stable manifest of every persisted type. A manifest is written into every journal row: never change one,
/// only add new ones.
/// </summary>
internal static class PersistedTypes
{
    private static readonly (string Manifest, Type Type)[] All =
    [
        ("wq.accepted.v1", typeof(WorkQueue.MessagesAccepted)),
        ("wq.assigned.v1", typeof(WorkQueue.RecipientsAssigned)),
        ("wq.completed.v1", typeof(WorkQueue.RecipientsCompleted)),
        ("wq.snapshot.v1", typeof(WorkQueue.WorkQueueSnapshot)),
        ("sq.enqueued.v1", typeof(Links.EnvelopesEnqueued)),
        ("sq.attempted.v1", typeof(Links.TransferAttempted)),
        ("sq.removed.v1", typeof(Links.EnvelopesRemoved)),
        ("sq.snapshot.v1", typeof(Links.SecuredQueueSnapshot)),
        ("sq.crashed.v1", typeof(Links.TransferCrashed)),
        ("sq.held.v1", typeof(Links.EnvelopesHeld)),
        ("sq.released.v1", typeof(Links.EnvelopesReleased)),
        ("wq.reinstated.v1", typeof(WorkQueue.MessagesReinstated)),
        ("poison.quarantined.v1", typeof(Poison.MessageQuarantined)),
        ("poison.lifted.v1", typeof(Poison.QuarantineLifted)),
        ("poison.snapshot.v1", typeof(Poison.PoisonQueueSnapshot)),
        ("registry.registered.v1", typeof(SuperQueue.QueueRegistered)),
        ("registry.snapshot.v1", typeof(SuperQueue.SuperQueueSnapshot)),
        ("admin.link-suspended.v1", typeof(Administration.LinkSuspensionRecorded)),
        ("admin.link-resumed.v1", typeof(Administration.LinkResumptionRecorded)),
        ("admin.mta-disabled.v1", typeof(Administration.MtaDisabledRecorded)),
        ("admin.mta-enabled.v1", typeof(Administration.MtaEnabledRecorded)),
        ("admin.snapshot.v1", typeof(Administration.AdministrationSnapshot)),
    ];

    public static readonly FrozenDictionary<string, Type> ByManifest = All.ToFrozenDictionary(x => x.Manifest, x => x.Type);

    public static readonly FrozenDictionary<Type, string> ByType = All.ToFrozenDictionary(x => x.Type, x => x.Manifest);
}
