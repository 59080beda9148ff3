using System.Collections.Immutable;

namespace MtaActors.Engine.WorkQueue;

/// <summary>
/// What the work queue's journal says: every accepted, unfinished message, with its finished recipients and its
/// secured-queue assignments. Changed only by applying events (the same code on the live path and in recovery).
/// Mutable on purpose: it may hold hundreds of thousands of messages and changes at the full acceptance rate.
/// </summary>
public sealed class WorkQueueState
{
    private readonly Dictionary<string, PendingMessage> _messages = new(StringComparer.Ordinal);

    public int Count => _messages.Count;

    public IEnumerable<PendingMessage> Messages => _messages.Values;

    public bool Contains(string messageId) => _messages.ContainsKey(messageId);

    public PendingMessage? Find(string messageId) => _messages.GetValueOrDefault(messageId);

    public void Apply(MessagesAccepted accepted)
    {
        foreach (var message in accepted.Messages)
        {
            _messages.TryAdd(message.Id, new PendingMessage(message));
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
            _messages.TryAdd(report.Id, new PendingMessage(report));
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
                _messages[envelope.MessageId] = new PendingMessage(envelope.Message with { Recipients = envelope.Recipients });
            }
        }
    }

    public void Apply(WorkQueueSnapshot snapshot)
    {
        _messages.Clear();
        foreach (var entry in snapshot.Messages)
        {
            var pending = new PendingMessage(entry.Message);
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

    public WorkQueueSnapshot ToSnapshot() => new(_messages.Values
        .Select(p => new PendingMessageSnapshot(
            p.Message,
            [.. p.Done],
            [.. p.Assigned.GroupBy(a => a.Value, a => a.Key).Select(g => new Assignment(g.Key, [.. g]))]))
        .ToImmutableArray());
}
