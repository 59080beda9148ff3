using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MtaActors.Engine.Hosting;
using MtaActors.Host.Api;

namespace MtaActors.Host.Daemon;

/// <summary>
/// Starts the engine once Akka.Hosting has started the actor system, and publishes its gateway to the admin API.
/// Runs in the background so that Kestrel already answers <c>/health</c> with "starting" while queues recover;
/// if the engine cannot start, the daemon stops with exit code 1 rather than serving an API with no engine.
/// </summary>
internal sealed class EngineService(
    IServiceProvider services,
    MtaEngineSettings settings,
    GatewayHolder holder,
    IHostApplicationLifetime lifetime,
    ILogger<EngineService> logger) : BackgroundService
{
    /// <summary>Why the engine did not start, or null.</summary>
    public Exception? Failure { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Leave the host's start sequence at once; recovery may take a while.
        await Task.Yield();
        try
        {
            var system = services.GetRequiredService<ActorSystem>();
            Tracking.TrackingLogStarter.Start(system, settings.DataDirectory);
            var gateway = await MtaEngine.StartAsync(system, settings, stoppingToken);
            holder.Publish(gateway);
            logger.LogInformation("Engine started; accepting mail: {Accepting}", gateway.IsAcceptingMail);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Stopped before the engine had started");
        }
        catch (Exception e)
        {
            Failure = e;
            logger.LogCritical(e, "The engine failed to start: {Reason}", e.Message);
            lifetime.StopApplication();
        }
    }
}
