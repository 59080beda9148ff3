using MtaActors.Core.Messages;

namespace MtaActors.Engine.Transports;

/// <summary>
/// Hears of every batch a link's far end acknowledged as recorded, at the moment the acknowledgement arrives.
/// Benchmarks use it to time each message end to end; it is called on the transfer's thread, so it must be quick
/// and thread-safe, and must not throw.
/// </summary>
public interface IDeliveryObserver
{
    void Delivered(string link, IReadOnlyList<Envelope> batch);
}
