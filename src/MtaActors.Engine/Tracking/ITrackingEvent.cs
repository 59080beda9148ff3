namespace MtaActors.Engine.Tracking;

/// <summary>
/// Something that happened to messages, published on the actor system's event stream for the message tracking log.
/// Each carries the batch it is about as the actor already holds it (no copy, one small allocation per batch), so the
/// hot path stays cheap and the tracking log actor does the per-message work. Nothing listens unless a tracking log runs.
/// </summary>
public interface ITrackingEvent
{
    DateTimeOffset At { get; }
}
