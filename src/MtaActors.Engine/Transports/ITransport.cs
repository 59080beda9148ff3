using MtaActors.Core.Messages;

namespace MtaActors.Engine.Transports;

/// <summary>
/// Moves envelopes to the far end of a link. Implementations never block a thread and never throw for
/// link failures: those come back as <see cref="TransferOutcome.Failure"/>. A transfer may never complete
/// (a hung peer): callers bound every call with a timeout through the cancellation token, and an
/// implementation must stop promptly when it is cancelled. An exception that escapes is a bug or a poison
/// message and crashes the calling session.
/// </summary>
public interface ITransport
{
    /// <summary>Succeeds when every envelope of the batch is durably recorded at the far end (duplicates included, suppressed there).</summary>
    Task<TransferOutcome> TransferAsync(IReadOnlyList<Envelope> batch, CancellationToken cancellationToken);

    /// <summary>Asks the far end whether it answers at all (the link monitor's ping); used to bring a down link back.</summary>
    Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken);
}
