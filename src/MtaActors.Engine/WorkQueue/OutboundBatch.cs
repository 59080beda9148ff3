using System.Collections.Immutable;
using MtaActors.Core.Messages;

namespace MtaActors.Engine.WorkQueue;

/// <summary>
/// What one routing pass hands out: envelopes per queue and the failures to report. Collected across a whole
/// submission (or recovery chunk) so that each queue gets one hand-off and the journal one event per queue, not one per message.
/// </summary>
internal sealed class OutboundBatch
{
    public Dictionary<string, List<Envelope>> ByQueue { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Envelopes for secured queues that are already journaled as assigned: handed out again without a new event.</summary>
    public Dictionary<string, List<Envelope>> Reassigned { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<(Message Message, ImmutableArray<FailedRecipient> Failures)> Failures { get; } = [];

    public bool IsEmpty => ByQueue.Count == 0 && Reassigned.Count == 0 && Failures.Count == 0;

    public void Add(string queue, Envelope envelope) => Add(ByQueue, queue, envelope);

    public void AddReassigned(string queue, Envelope envelope) => Add(Reassigned, queue, envelope);

    private static void Add(Dictionary<string, List<Envelope>> target, string queue, Envelope envelope)
    {
        if (!target.TryGetValue(queue, out var list))
        {
            target[queue] = list = [];
        }

        list.Add(envelope);
    }
}
