using MtaActors.Core.Messages;
using MtaActors.Engine.Transports;

namespace MtaActors.Engine.Faults;

/// <summary>Wraps a transport and applies the faults the switchboard holds for one link, on every transfer and probe.</summary>
public sealed class FaultyTransport : ITransport
{
    public FaultyTransport(ITransport inner, string link, FaultSwitchboard switchboard, TimeProvider time, Random? random = null)
        => throw new NotImplementedException("helper C");

    public Task<TransferOutcome> TransferAsync(IReadOnlyList<Envelope> batch, CancellationToken cancellationToken) => throw new NotImplementedException("helper C");

    public Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken) => throw new NotImplementedException("helper C");
}
