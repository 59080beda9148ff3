using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;

namespace MtaActors.Engine.WorkQueue;

/// <summary>An accepted message the work queue is still responsible for, as far as the journal knows.</summary>
public sealed class PendingMessage(Message message, string? fingerprint = null)
{
    public Message Message { get; } = message;

    /// <summary>
    /// The <see cref="SubmissionFingerprint"/> of the message as submitted. Given explicitly for a message reinstated
    /// with only some of its recipients: its id still promises what was first submitted.
    /// </summary>
    /// Computed on first use (a resubmission of the id, or the message finishing), not on the acceptance path.
    public string Fingerprint => fingerprint ??= SubmissionFingerprint.Of(Message);

    /// <summary>Recipients (after list expansion) that are finished with.</summary>
    public HashSet<Address> Done { get; } = [];

    /// <summary>Recipients journaled as bound for a secured queue, and which one.</summary>
    public Dictionary<Address, string> Assigned { get; } = [];
}
