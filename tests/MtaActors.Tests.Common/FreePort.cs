using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MtaActors.Tests.Common;

/// <summary>
/// A loopback TCP port nobody listens on right now, and that this test process has not handed out before: the OS may
/// give a port just released to the next caller, and a spec that picked one for a daemon still starting would then
/// share it with another spec's daemon (whose /health would answer for both).
/// </summary>
public static class FreePort
{
    private static readonly ConcurrentDictionary<int, bool> HandedOut = new();

    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (HandedOut.TryAdd(port, true))
            {
                return port;
            }
        }
    }
}
