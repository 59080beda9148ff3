using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Delivery;

namespace MtaActors.Engine.Transports;

/// <summary>The default transport: a simulated remote MTA that answers after its latency, checks checksums and records into its site's sink.</summary>
public sealed class SimulatedRemoteTransport : ITransport
{
    private readonly RemoteSite _site;
    private readonly DeliverySink _sink;
    private readonly TimeProvider _time;

    public SimulatedRemoteTransport(RemoteSite site, DeliverySink sink, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(time);
        _site = site;
        _sink = sink;
        _time = time;
    }

    public RemoteSite Site => _site;

    public async Task<TransferOutcome> TransferAsync(IReadOnlyList<Envelope> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await AnswerTimeAsync(cancellationToken);
        return await SinkDelivery.DeliverAsync(_sink, batch, cancellationToken);
    }

    public async Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken)
    {
        await AnswerTimeAsync(cancellationToken);
        return TransferOutcome.Success.Clean;
    }

    private Task AnswerTimeAsync(CancellationToken cancellationToken)
        => _site.Latency > TimeSpan.Zero ? Task.Delay(_site.Latency, _time, cancellationToken) : Task.CompletedTask;
}
