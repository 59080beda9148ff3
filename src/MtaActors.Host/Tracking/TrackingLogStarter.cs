using Akka.Actor;
using MtaActors.Engine.Tracking;

namespace MtaActors.Host.Tracking;

/// <summary>Starts the <see cref="TrackingLog"/> of an actor system.</summary>
internal static class TrackingLogStarter
{
    /// <summary>
    /// Starts the tracking log and subscribes it before returning: a subscription made in the actor's PreStart would
    /// run asynchronously and miss the events of messages submitted right after the start.
    /// </summary>
    public static IActorRef Start(ActorSystem system, string dataDirectory)
    {
        var log = system.ActorOf(TrackingLog.Props(dataDirectory), "tracking-log");
        system.EventStream.Subscribe(log, typeof(ITrackingEvent));
        return log;
    }
}
