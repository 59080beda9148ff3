using System.Collections.Immutable;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Engine.Inspection;

/// <summary>
/// Collects the unfinished messages of a journal for <c>mta export</c>, one entry per message id (a message split over
/// several queues is one entry with several placements: a replay submits each id once). Pure.
/// </summary>
public static class BacklogBuilder
{
    /// <summary>Every unfinished message, or only those with recipients on <paramref name="queue"/> (then only those recipients); newest first.</summary>
    public static ImmutableArray<BacklogMessage> Build(JournalImage image, string? queue, DateTimeOffset now)
    {
        var byId = new Dictionary<string, (Core.Messages.Message Message, List<BacklogPlacement> Placements)>(StringComparer.Ordinal);
        void Place(Core.Messages.Message message, BacklogPlacement placement)
        {
            if (placement.Recipients.IsEmpty || (queue is not null && !string.Equals(placement.Queue, queue, StringComparison.OrdinalIgnoreCase)))
            {
                return;
            }

            if (!byId.TryGetValue(message.Id, out var entry))
            {
                byId[message.Id] = entry = (message, []);
            }

            entry.Placements.Add(placement);
        }

        foreach (var pending in image.WorkQueue.Messages)
        {
            var message = pending.Message;
            var open = message.Recipients.Where(r => !pending.Done.Contains(r) && !pending.Assigned.ContainsKey(r)).ToImmutableArray();
            var state = message.DeferredUntil is { } due && due > now ? "deferred" : "pending";
            Place(message, new BacklogPlacement(WorkQueueSettings.PersistenceId, state, 0, open));
            foreach (var group in pending.Assigned.GroupBy(a => a.Value, a => a.Key, StringComparer.OrdinalIgnoreCase))
            {
                // Recipients bound for a secured queue that does not hold them yet; those it holds are listed under it below.
                var held = image.SecuredQueues.GetValueOrDefault(group.Key);
                var notHeld = group.Where(r => held is null || !held.Contains(message.Id)).ToImmutableArray();
                Place(message, new BacklogPlacement(WorkQueueSettings.PersistenceId, "assigned", 0, notHeld));
            }
        }

        foreach (var (name, held) in image.SecuredQueues)
        {
            foreach (var queued in held.Items)
            {
                Place(queued.Envelope.Message, new BacklogPlacement(name, queued.Held ? "held" : "queued", queued.FailedAttempts, queued.Envelope.Recipients));
            }
        }

        foreach (var quarantined in image.PoisonQueue.Messages)
        {
            var envelope = quarantined.Envelope.Envelope;
            Place(envelope.Message, new BacklogPlacement(Poison.PoisonQueue.Name, "poisoned", quarantined.Envelope.FailedAttempts, envelope.Recipients));
        }

        return [.. byId.Values
            .Select(e => new BacklogMessage(
                e.Message,
                [.. e.Placements.SelectMany(p => p.Recipients).Distinct()],
                [.. e.Placements]))
            .OrderByDescending(m => m.Message.SubmittedAt)
            .ThenBy(m => m.Message.Id, StringComparer.Ordinal)];
    }
}
