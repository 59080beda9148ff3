using System.Collections.Immutable;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;

namespace MtaActors.Engine.Links;

/// <summary>
/// The content of one link's queue: FIFO per priority (urgent first), one entry per message id (a second envelope
/// for the same message merges its recipients), removal by id. Mutable on purpose: a queue may hold a million
/// envelopes and churns at the link's full rate, where immutable collections would cost an allocation per step.
/// Held envelopes (an operator's hold) stay on the queue, counted and listed, but out of the lanes, so no batch takes them.
/// An envelope whose transfer crashed the session once is a suspect and travels alone, so a poison message is told
/// apart from the innocent ones that shared its batch.
/// Owned by exactly one actor; never shared.
/// </summary>
public sealed class EnvelopeQueue
{
    private readonly LinkedList<QueuedEnvelope>[] _lanes = [new(), new(), new()];
    private readonly Dictionary<string, LinkedListNode<QueuedEnvelope>> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueuedEnvelope> _held = new(StringComparer.Ordinal);

    /// <summary>Every envelope on the queue, held ones included.</summary>
    public int Count => _byId.Count + _held.Count;

    /// <summary>The envelopes a batch can take (not held).</summary>
    public int ReadyCount => _byId.Count;

    public bool Contains(string messageId) => _byId.ContainsKey(messageId) || _held.ContainsKey(messageId);

    public bool IsHeld(string messageId) => _held.ContainsKey(messageId);

    /// <summary>The queued envelope of a message, held or not; null when it is not on the queue.</summary>
    public QueuedEnvelope? Find(string messageId)
        => _byId.TryGetValue(messageId, out var node) ? node.Value : _held.GetValueOrDefault(messageId);

    /// <summary>
    /// Adds at the back of its priority lane (or among the held, when it is marked held), or merges recipients into the
    /// queued envelope of the same message.
    /// </summary>
    public void Add(QueuedEnvelope queued)
    {
        if (_held.TryGetValue(queued.MessageId, out var held))
        {
            _held[queued.MessageId] = held with { Envelope = held.Envelope with { Recipients = held.Envelope.Recipients.Union(queued.Envelope.Recipients).ToImmutableArray() } };
            return;
        }

        if (queued.Held && !_byId.ContainsKey(queued.MessageId))
        {
            _held[queued.MessageId] = queued;
            return;
        }

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

    /// <summary>
    /// Takes up to <paramref name="max"/> envelopes of the most urgent non-empty lane, oldest first. A suspect (one that
    /// crashed a session before) is taken alone, and ends a batch that reaches it.
    /// </summary>
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
                var suspect = first.Value.Crashes > 0;
                if (suspect && batch.Count > 0)
                {
                    break;
                }

                lane.RemoveFirst();
                _byId.Remove(first.Value.MessageId);
                batch.Add(first.Value);
                if (suspect)
                {
                    break;
                }
            }

            return batch.ToImmutable();
        }

        return ImmutableArray<QueuedEnvelope>.Empty;
    }

    /// <summary>Puts a batch back at the front of its lanes, in its original order (after a failed transfer).</summary>
    public void ReturnToFront(IReadOnlyList<QueuedEnvelope> batch)
    {
        for (var i = batch.Count - 1; i >= 0; i--)
        {
            var queued = batch[i];
            if (_held.TryGetValue(queued.MessageId, out var held))
            {
                // Enqueued again while in flight, and that copy held by an operator: one held entry with every recipient.
                _held[queued.MessageId] = held with { Envelope = held.Envelope with { Recipients = held.Envelope.Recipients.Union(queued.Envelope.Recipients).ToImmutableArray() } };
                continue;
            }

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
        if (_held.Remove(messageId))
        {
            return true;
        }

        if (!_byId.Remove(messageId, out var node))
        {
            return false;
        }

        node.List!.Remove(node);
        return true;
    }

    /// <summary>Takes a waiting envelope out of the lanes and keeps it held; false when it is not waiting in a lane.</summary>
    public bool Hold(string messageId)
    {
        if (!_byId.TryGetValue(messageId, out var node))
        {
            return false;
        }

        Remove(messageId);
        _held[messageId] = node.Value with { Held = true };
        return true;
    }

    /// <summary>Puts a held envelope back at the back of its lane; false when it is not held.</summary>
    public bool Release(string messageId)
    {
        if (!_held.Remove(messageId, out var held))
        {
            return false;
        }

        Add(held with { Held = false });
        return true;
    }

    /// <summary>Empties the lanes and returns what they held, most urgent first; held envelopes stay.</summary>
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

    /// <summary>Every envelope: the lanes, most urgent first, then the held ones.</summary>
    public IEnumerable<QueuedEnvelope> Items => _lanes.SelectMany(lane => lane).Concat(_held.Values);

    /// <summary>The envelopes in the lanes, most urgent first (not the held ones).</summary>
    public IEnumerable<QueuedEnvelope> ReadyItems => _lanes.SelectMany(lane => lane);

    /// <summary>The earliest arrival time among queued envelopes, or null when empty.</summary>
    public DateTimeOffset? OldestEnqueuedAt()
    {
        DateTimeOffset? oldest = null;
        foreach (var held in _held.Values)
        {
            if (oldest is null || held.EnqueuedAt < oldest)
            {
                oldest = held.EnqueuedAt;
            }
        }

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
        => Update(messageIds, queued => queued with { FailedAttempts = queued.FailedAttempts + 1 });

    /// <summary>Counts a session crash (also a failed attempt) on each of the given messages still queued.</summary>
    public void CountCrash(IEnumerable<string> messageIds)
        => Update(messageIds, Crashed);

    /// <summary>The envelope after a transfer carrying it crashed the session.</summary>
    public static QueuedEnvelope Crashed(QueuedEnvelope queued) => queued with { Crashes = queued.Crashes + 1, FailedAttempts = queued.FailedAttempts + 1 };

    private void Update(IEnumerable<string> messageIds, Func<QueuedEnvelope, QueuedEnvelope> change)
    {
        foreach (var id in messageIds)
        {
            if (_byId.TryGetValue(id, out var node))
            {
                node.Value = change(node.Value);
            }
            else if (_held.TryGetValue(id, out var held))
            {
                _held[id] = change(held);
            }
        }
    }

    public static ImmutableArray<Address> RecipientsOf(IEnumerable<QueuedEnvelope> batch)
        => batch.SelectMany(q => q.Envelope.Recipients).ToImmutableArray();

    private LinkedList<QueuedEnvelope> Lane(Priority priority) => _lanes[(int)priority];
}
