using System.Net;
using System.Net.Sockets;

namespace MtaActors.Host.Tests;

/// <summary>A loopback port that was free a moment ago: for a daemon to listen on, or for a client to find nobody at.</summary>
internal static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
