namespace MtaActors.Engine.Transports;

/// <summary>
/// The transport of a secured queue whose link left the topology: it refuses everything, so the queue keeps its mail
/// (never re-routed, never lost) until the link is configured again or an operator moves the mail.
/// </summary>
public sealed class DetachedTransport : ITransport
{
    public static readonly DetachedTransport Instance = new();

    private static readonly Task<TransferOutcome> Refusal =
        Task.FromResult<TransferOutcome>(new TransferOutcome.Failure(TransferFailure.Refused, "the link is no longer in the topology"));

    public Task<TransferOutcome> TransferAsync(IReadOnlyList<Core.Messages.Envelope> batch, CancellationToken cancellationToken) => Refusal;

    public Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken) => Refusal;
}
