using System.Collections.Immutable;

namespace MtaActors.Engine.WorkQueue;

/// <summary>
/// What the work queue's journal says: every accepted, unfinished message, with its finished recipients and its
/// secured-queue assignments. Changed only by applying events (the same code on the live path and in recovery).
/// Mutable on purpose: it may hold hundreds of thousands of messages and changes at the full acceptance rate.
/// It also keeps the window of finished ids (<see cref="Finished"/>), so an id stays a promise after its message is gone.
/// </summary>
public sealed class WorkQueueState(TimeSpan idWindow, int idWindowSize)
{
    private readonly Dictionary<string, PendingMessage> _messages = new(StringComparer.Ordinal);

    /// <summary>With the default window (<see cref="Core.Topology.RoutingSettings.Default"/>).</summary>
    public WorkQueueState()
        : this(Core.Topology.RoutingSettings.Default.IdWindow, Core.Topology.RoutingSettings.Default.IdWindowSize)
    {
    }

    public int Count => _messages.Count;

    /// <summary>Recently finished messages, by id and fingerprint.</summary>
    public FinishedSubmissions Finished { get; } = new(idWindow, idWindowSize);

    public IEnumerable<PendingMessage> Messages => _messages.Values;

    public bool Contains(string messageId) => _messages.ContainsKey(messageId);

    public PendingMessage? Find(string messageId) => _messages.GetValueOrDefault(messageId);

    public void Apply(MessagesAccepted accepted)
    {
        foreach (var message in accepted.Messages)
        {
            if (_messages.TryAdd(message.Id, new PendingMessage(message)))
            {
                // Accepted again after its window entry aged out (or in a journal written before the window).
                Finished.Remove(message.Id);
            }
        }
    }

    public void Apply(RecipientsAssigned assigned)
    {
        foreach (var item in assigned.Items)
        {
            if (_messages.TryGetValue(item.MessageId, out var pending))
            {
                foreach (var recipient in item.Recipients)
                {
                    pending.Assigned[recipient] = assigned.Queue;
                }
            }
        }
    }

    public void Apply(RecipientsCompleted completed)
    {
        foreach (var completion in completed.Completions)
        {
            if (!_messages.TryGetValue(completion.MessageId, out var pending))
            {
                continue;
            }

            if (completion.Final)
            {
                _messages.Remove(completion.MessageId);
                Finished.Add(new FinishedSubmission(completion.MessageId, pending.Fingerprint, completed.At ?? pending.Message.SubmittedAt));
                continue;
            }

            foreach (var recipient in completion.Recipients)
            {
                pending.Done.Add(recipient);
                pending.Assigned.Remove(recipient);
            }
        }

        foreach (var report in completed.Reports)
        {
            if (_messages.TryAdd(report.Id, new PendingMessage(report)))
            {
                Finished.Remove(report.Id);
            }
        }
    }

    public void Apply(MessagesReinstated reinstated)
    {
        foreach (var envelope in reinstated.Envelopes)
        {
            if (_messages.TryGetValue(envelope.MessageId, out var pending))
            {
                foreach (var recipient in envelope.Recipients)
                {
                    pending.Done.Remove(recipient);
                    pending.Assigned.Remove(recipient);
                }
            }
            else
            {
                // Pending again with just the released recipients, but its id still promises what was first submitted.
                var fingerprint = Finished.Remove(envelope.MessageId)?.Fingerprint;
                _messages[envelope.MessageId] = new PendingMessage(envelope.Message with { Recipients = envelope.Recipients }, fingerprint);
            }
        }
    }

    public void Apply(WorkQueueSnapshot snapshot)
    {
        _messages.Clear();
        Finished.Clear();
        foreach (var finished in snapshot.Finished.IsDefault ? [] : snapshot.Finished)
        {
            Finished.Add(finished);
        }

        foreach (var entry in snapshot.Messages)
        {
            var pending = new PendingMessage(entry.Message, entry.Fingerprint);
            pending.Done.UnionWith(entry.Done);
            foreach (var assignment in entry.Assigned)
            {
                foreach (var recipient in assignment.Recipients)
                {
                    pending.Assigned[recipient] = assignment.Queue;
                }
            }

            _messages[entry.Message.Id] = pending;
        }
    }

    public WorkQueueSnapshot ToSnapshot() => new(
        [.. _messages.Values
            .Select(p => new PendingMessageSnapshot(
                p.Message,
                [.. p.Done],
                [.. p.Assigned.GroupBy(a => a.Value, a => a.Key).Select(g => new Assignment(g.Key, [.. g]))],
                p.Fingerprint))],
        [.. Finished.Entries]);
}
