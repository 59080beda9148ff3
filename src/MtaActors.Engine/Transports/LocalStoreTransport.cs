using MtaActors.Core.Messages;
using MtaActors.Engine.Delivery;

namespace MtaActors.Engine.Transports;

/// <summary>Delivery into this server's private store: checks checksums and records idempotently per (message id, recipient).</summary>
public sealed class LocalStoreTransport : ITransport
{
    private readonly DeliverySink _sink;

    public LocalStoreTransport(DeliverySink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        _sink = sink;
    }

    public Task<TransferOutcome> TransferAsync(IReadOnlyList<Envelope> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return SinkDelivery.DeliverAsync(_sink, batch, cancellationToken);
    }

    public Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken)
        => cancellationToken.IsCancellationRequested
            ? Task.FromCanceled<TransferOutcome>(cancellationToken)
            : Task.FromResult<TransferOutcome>(TransferOutcome.Success.Clean);
}
