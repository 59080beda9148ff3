using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Delivery;

namespace MtaActors.Engine.Transports;

/// <summary>The default transport: a simulated remote MTA that answers after its latency, checks checksums and records into its site's sink.</summary>
public sealed class SimulatedRemoteTransport : ITransport
{
    public SimulatedRemoteTransport(RemoteSite site, DeliverySink sink, TimeProvider time) => throw new NotImplementedException("helper C");

    public Task<TransferOutcome> TransferAsync(IReadOnlyList<Envelope> batch, CancellationToken cancellationToken) => throw new NotImplementedException("helper C");

    public Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken) => throw new NotImplementedException("helper C");
}
