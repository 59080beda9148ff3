using System.Collections.Immutable;
using Akka.Actor;
using MtaActors.Engine.SuperQueue;

namespace MtaActors.Engine.Inspection;

/// <summary>
/// Mends a registry offline the way the daemon would: the real <see cref="SuperQueue.SuperQueue"/> actor recovers from the
/// journal and persists <see cref="QueueRegistered"/> for the missing queues (new ids, never reused ones). Run only on a
/// stopped daemon's journal: two writers on one persistence id would clash on sequence numbers.
/// </summary>
public static class QueueRegistryRepair
{
    public static async Task<ImmutableArray<QueueEntry>> RegisterAsync(ActorSystem system, IReadOnlyCollection<QueueDescriptor> missing, CancellationToken cancellationToken)
    {
        if (missing.Count == 0)
        {
            return [];
        }

        var superQueue = system.ActorOf(SuperQueue.SuperQueue.Props(), $"repair-{Guid.NewGuid():N}");
        try
        {
            var registered = await superQueue.Ask<QueuesRegistered>(new RegisterQueues([.. missing]), JournalReader.Timeout, cancellationToken).ConfigureAwait(false);
            var names = missing.Select(m => m.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return [.. registered.Queues.Where(q => names.Contains(q.Name))];
        }
        finally
        {
            await superQueue.GracefulStop(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
    }
}
