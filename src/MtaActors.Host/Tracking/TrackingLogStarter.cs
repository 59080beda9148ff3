using Akka;
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

        // At shutdown, let the log write what is already in its mailbox (the last deliveries, removals...) before the
        // actor system stops it; bounded, so a stuck disk cannot hold the shutdown.
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate, "drain-tracking-log", async () =>
        {
            try
            {
                await log.Ask<TrackingLog.Drained>(TrackingLog.Drain.Instance, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            }
            catch (Exception e) when (e is AskTimeoutException or TaskCanceledException)
            {
                // The log is behind or already stopped: shut down anyway.
            }

            return Done.Instance;
        });
        return log;
    }
}
