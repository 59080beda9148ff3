using MtaActors.Core.Messages;

namespace MtaActors.Engine.Transports;

/// <summary>
/// A transport that tells an <see cref="IDeliveryObserver"/> about every successful transfer. It sits next to the
/// far end (inside any fault wrapper), so only batches that really arrived are reported.
/// </summary>
public sealed class ObservedTransport : ITransport
{
    private readonly ITransport _inner;
    private readonly string _link;
    private readonly IDeliveryObserver _observer;

    public ObservedTransport(ITransport inner, string link, IDeliveryObserver observer)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrWhiteSpace(link);
        ArgumentNullException.ThrowIfNull(observer);
        _inner = inner;
        _link = link;
        _observer = observer;
    }

    public async Task<TransferOutcome> TransferAsync(IReadOnlyList<Envelope> batch, CancellationToken cancellationToken)
    {
        var outcome = await _inner.TransferAsync(batch, cancellationToken).ConfigureAwait(false);
        if (outcome is TransferOutcome.Success)
        {
            _observer.Delivered(_link, batch);
        }

        return outcome;
    }

    public Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken) => _inner.ProbeAsync(cancellationToken);
}
