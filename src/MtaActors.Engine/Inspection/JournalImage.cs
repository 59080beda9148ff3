using System.Collections.Immutable;
using MtaActors.Engine.Links;
using MtaActors.Engine.SuperQueue;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Engine.Inspection;

/// <summary>
/// A stopped daemon's journal rebuilt into the states its actors would recover: the super queue registry, the work
/// queue and every secured queue. Built with the actors' own apply code (<see cref="SuperQueueState"/>,
/// <see cref="WorkQueueState"/>, <see cref="EnvelopeQueue"/>), so a check sees exactly what a start would see.
/// </summary>
public sealed class JournalImage
{
    public const string SecuredQueuePrefix = "secured-queue-";

    private JournalImage(
        ImmutableDictionary<string, JournalEntity> entities,
        SuperQueueState registry,
        WorkQueueState workQueue,
        ImmutableSortedDictionary<string, EnvelopeQueue> securedQueues,
        Poison.PoisonQueueState poisonQueue,
        ImmutableArray<string> foreignIds)
    {
        PoisonQueue = poisonQueue;
        Entities = entities;
        Registry = registry;
        WorkQueue = workQueue;
        SecuredQueues = securedQueues;
        ForeignIds = foreignIds;
    }

    /// <summary>Everything read, by persistence id.</summary>
    public ImmutableDictionary<string, JournalEntity> Entities { get; }

    public SuperQueueState Registry { get; }

    public WorkQueueState WorkQueue { get; }

    /// <summary>The content of every secured queue with a journal, by queue (link) name.</summary>
    public ImmutableSortedDictionary<string, EnvelopeQueue> SecuredQueues { get; }

    /// <summary>What the poison queue holds in quarantine.</summary>
    public Poison.PoisonQueueState PoisonQueue { get; }

    /// <summary>Persistence ids that belong to none of the engine's actors.</summary>
    public ImmutableArray<string> ForeignIds { get; }

    public JournalEntity? Entity(string persistenceId) => Entities.GetValueOrDefault(persistenceId);

    /// <summary>Reads every persistence id the journal lists, plus those the engine always has and the queues the registry and the work queue name.</summary>
    public static async Task<JournalImage> ReadAsync(JournalReader reader, IEnumerable<string> expectedQueues, CancellationToken cancellationToken)
    {
        var entities = ImmutableDictionary.CreateBuilder<string, JournalEntity>(StringComparer.Ordinal);
        async Task Load(string id)
        {
            if (!entities.ContainsKey(id))
            {
                entities[id] = await reader.ReadAsync(id, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var id in await reader.PersistenceIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            await Load(id).ConfigureAwait(false);
        }

        // Snapshots alone do not show in the persistence id query (their events may all be deleted), so ask for the known ones too.
        await Load(SuperQueue.SuperQueue.Id).ConfigureAwait(false);
        await Load(WorkQueueSettings.PersistenceId).ConfigureAwait(false);
        await Load(Poison.PoisonQueue.PersistenceIdValue).ConfigureAwait(false);
        var partial = Build(entities.ToImmutable());
        var named = partial.Registry.ByName.Values.Where(q => q.Secured).Select(q => q.Name)
            .Concat(partial.WorkQueue.Messages.SelectMany(m => m.Assigned.Values))
            .Concat(expectedQueues)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        foreach (var name in named)
        {
            await Load(SecuredQueuePrefix + name).ConfigureAwait(false);
        }

        return Build(entities.ToImmutable());
    }

    /// <summary>Rebuilds the states from what was read; pure.</summary>
    public static JournalImage Build(ImmutableDictionary<string, JournalEntity> entities)
    {
        var registry = SuperQueueState.Empty;
        if (entities.GetValueOrDefault(SuperQueue.SuperQueue.Id) is { } superQueue)
        {
            if (superQueue.Snapshot is SuperQueueSnapshot snapshot)
            {
                registry = SuperQueueState.From(snapshot);
            }

            foreach (var registered in superQueue.Events.Select(e => e.Payload).OfType<QueueRegistered>())
            {
                registry = registry.Updated(registered);
            }
        }

        var workQueue = new WorkQueueState();
        if (entities.GetValueOrDefault(WorkQueueSettings.PersistenceId) is { } work)
        {
            if (work.Snapshot is WorkQueueSnapshot snapshot)
            {
                workQueue.Apply(snapshot);
            }

            foreach (var payload in work.Events.Select(e => e.Payload))
            {
                switch (payload)
                {
                    case MessagesAccepted accepted:
                        workQueue.Apply(accepted);
                        break;
                    case RecipientsAssigned assigned:
                        workQueue.Apply(assigned);
                        break;
                    case RecipientsCompleted completed:
                        workQueue.Apply(completed);
                        break;
                    case MessagesReinstated reinstated:
                        workQueue.Apply(reinstated);
                        break;
                }
            }
        }

        var poison = new Poison.PoisonQueueState();
        if (entities.GetValueOrDefault(Poison.PoisonQueue.PersistenceIdValue) is { } quarantine)
        {
            foreach (var payload in quarantine.Events.Select(e => e.Payload).Prepend(quarantine.Snapshot).OfType<object>())
            {
                poison.Apply(payload);
            }
        }

        var secured = ImmutableSortedDictionary.CreateBuilder<string, EnvelopeQueue>(StringComparer.OrdinalIgnoreCase);
        var foreign = ImmutableArray.CreateBuilder<string>();
        foreach (var (id, entity) in entities.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!id.StartsWith(SecuredQueuePrefix, StringComparison.Ordinal))
            {
                if (id != SuperQueue.SuperQueue.Id && id != WorkQueueSettings.PersistenceId && id != Administration.AdministrationStore.Id && id != Poison.PoisonQueue.PersistenceIdValue)
                {
                    foreign.Add(id);
                }

                continue;
            }

            if (entity.IsEmpty)
            {
                continue;
            }

            var queue = new EnvelopeQueue();
            if (entity.Snapshot is { } snapshot)
            {
                SecuredQueueJournal.Apply(queue, snapshot);
            }

            foreach (var payload in entity.Events.Select(e => e.Payload))
            {
                SecuredQueueJournal.Apply(queue, payload);
            }

            secured[id[SecuredQueuePrefix.Length..]] = queue;
        }

        return new JournalImage(entities, registry, workQueue, secured.ToImmutable(), poison, foreign.ToImmutable());
    }
}
