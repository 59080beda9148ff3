using Akka.Actor;
using Akka.Configuration;
using MtaActors.Engine.Gateway;

namespace MtaActors.Engine.Hosting;

/// <summary>Starts the engine inside an actor system and hands back its gateway.</summary>
public static class MtaEngine
{
    /// <summary>The HOCON the actor system needs for the chosen journal (persistence plugins, serializers).</summary>
    public static Config Configuration(MtaEngineSettings settings) => throw new NotImplementedException("lead");

    /// <summary>Opens the delivery logs, starts the supervisor tree and waits (bounded) until it accepts mail.</summary>
    public static Task<IMtaGateway> StartAsync(ActorSystem system, MtaEngineSettings settings, CancellationToken cancellationToken)
        => throw new NotImplementedException("lead");
}
