using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;

namespace MtaActors.Engine.WorkQueue;

/// <summary>An accepted message the work queue is still responsible for, as far as the journal knows.</summary>
public sealed class PendingMessage(Message message)
{
    public Message Message { get; } = message;

    /// <summary>Recipients (after list expansion) that are finished with.</summary>
    public HashSet<Address> Done { get; } = [];

    /// <summary>Recipients journaled as bound for a secured queue, and which one.</summary>
    public Dictionary<Address, string> Assigned { get; } = [];
}
