using System.Collections.Immutable;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;

namespace MtaActors.Engine.Links;

/// <summary>
/// The content of one link's queue: FIFO per priority (urgent first), one entry per message id (a second envelope
/// for the same message merges its recipients), removal by id. Mutable on purpose: a queue may hold a million
/// envelopes and churns at the link's full rate, where immutable collections would cost an allocation per step.
/// Owned by exactly one actor; never shared.
/// </summary>
public sealed class EnvelopeQueue
{
    private readonly LinkedList<QueuedEnvelope>[] _lanes = [new(), new(), new()];
    private readonly Dictionary<string, LinkedListNode<QueuedEnvelope>> _byId = new(StringComparer.Ordinal);

    public int Count => _byId.Count;

    public bool Contains(string messageId) => _byId.ContainsKey(messageId);

    /// <summary>Adds at the back of its priority lane, or merges recipients into the queued envelope of the same message.</summary>
    public void Add(QueuedEnvelope queued)
    {
        if (_byId.TryGetValue(queued.MessageId, out var node))
        {
            var merged = node.Value.Envelope.Recipients.Union(queued.Envelope.Recipients).ToImmutableArray();
            if (merged.Length != node.Value.Envelope.Recipients.Length)
            {
                node.Value = node.Value with { Envelope = node.Value.Envelope with { Recipients = merged } };
            }

            return;
        }

        _byId[queued.MessageId] = Lane(queued.Envelope.Priority).AddLast(queued);
    }

    /// <summary>Takes up to <paramref name="max"/> envelopes of the most urgent non-empty lane, oldest first.</summary>
    public ImmutableArray<QueuedEnvelope> TakeBatch(int max)
    {
        foreach (var lane in _lanes)
        {
            if (lane.Count == 0)
            {
                continue;
            }

            var batch = ImmutableArray.CreateBuilder<QueuedEnvelope>(Math.Min(max, lane.Count));
            while (batch.Count < max && lane.First is { } first)
            {
                lane.RemoveFirst();
                _byId.Remove(first.Value.MessageId);
                batch.Add(first.Value);
            }

            return batch.MoveToImmutable();
        }

        return ImmutableArray<QueuedEnvelope>.Empty;
    }

    /// <summary>Puts a batch back at the front of its lanes, in its original order (after a failed transfer).</summary>
    public void ReturnToFront(IReadOnlyList<QueuedEnvelope> batch)
    {
        for (var i = batch.Count - 1; i >= 0; i--)
        {
            var queued = batch[i];
            if (_byId.TryGetValue(queued.MessageId, out var existing))
            {
                // The same message was enqueued again while in flight: keep one entry with every recipient.
                Remove(queued.MessageId);
                queued = queued with { Envelope = queued.Envelope with { Recipients = queued.Envelope.Recipients.Union(existing.Value.Envelope.Recipients).ToImmutableArray() } };
            }

            _byId[queued.MessageId] = Lane(queued.Envelope.Priority).AddFirst(queued);
        }
    }

    public bool Remove(string messageId)
    {
        if (!_byId.Remove(messageId, out var node))
        {
            return false;
        }

        node.List!.Remove(node);
        return true;
    }

    /// <summary>Empties the queue and returns what it held, most urgent first.</summary>
    public ImmutableArray<QueuedEnvelope> Drain()
    {
        var all = _lanes.SelectMany(lane => lane).ToImmutableArray();
        foreach (var lane in _lanes)
        {
            lane.Clear();
        }

        _byId.Clear();
        return all;
    }

    public IEnumerable<QueuedEnvelope> Items => _lanes.SelectMany(lane => lane);

    /// <summary>The earliest arrival time among queued envelopes, or null when empty.</summary>
    public DateTimeOffset? OldestEnqueuedAt()
    {
        DateTimeOffset? oldest = null;
        foreach (var lane in _lanes)
        {
            if (lane.First is { } first && (oldest is null || first.Value.EnqueuedAt < oldest))
            {
                oldest = first.Value.EnqueuedAt;
            }
        }

        return oldest;
    }

    /// <summary>Counts a failed attempt on each of the given messages still queued.</summary>
    public void CountFailedAttempt(IEnumerable<string> messageIds)
    {
        foreach (var id in messageIds)
        {
            if (_byId.TryGetValue(id, out var node))
            {
                node.Value = node.Value with { FailedAttempts = node.Value.FailedAttempts + 1 };
            }
        }
    }

    public static ImmutableArray<Address> RecipientsOf(IEnumerable<QueuedEnvelope> batch)
        => batch.SelectMany(q => q.Envelope.Recipients).ToImmutableArray();

    private LinkedList<QueuedEnvelope> Lane(Priority priority) => _lanes[(int)priority];
}
