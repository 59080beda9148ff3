using MtaActors.Core.Messages;
using MtaActors.Engine.Delivery;

namespace MtaActors.Engine.Transports;

/// <summary>Delivery into this server's private store: checks checksums and records idempotently per (message id, recipient).</summary>
public sealed class LocalStoreTransport : ITransport
{
    public LocalStoreTransport(DeliverySink sink) => throw new NotImplementedException("helper C");

    public Task<TransferOutcome> TransferAsync(IReadOnlyList<Envelope> batch, CancellationToken cancellationToken) => throw new NotImplementedException("helper C");

    public Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken) => throw new NotImplementedException("helper C");
}
