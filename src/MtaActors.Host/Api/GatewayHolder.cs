using MtaActors.Engine.Gateway;

namespace MtaActors.Host.Api;

/// <summary>
/// Where the admin API finds the engine: empty while the engine recovers (the API answers 503 then), and the
/// gateway for the rest of the daemon's life once it is published. Kestrel listens before the engine is ready,
/// so that <c>/health</c> can say "starting" instead of refusing connections.
/// </summary>
public sealed class GatewayHolder
{
    private IMtaGateway? gateway;

    public GatewayHolder()
    {
    }

    public GatewayHolder(IMtaGateway gateway) => this.gateway = gateway;

    /// <summary>The engine's gateway, or null while it is starting.</summary>
    public IMtaGateway? Gateway => Volatile.Read(ref gateway);

    public void Publish(IMtaGateway started) => Volatile.Write(ref gateway, started);
}
