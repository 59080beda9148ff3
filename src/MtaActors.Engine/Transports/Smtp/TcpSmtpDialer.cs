using System.Net.Sockets;
using MtaActors.Core.Topology;

namespace MtaActors.Engine.Transports.Smtp;

/// <summary>Dials a plain TCP connection (no Nagle delay: SMTP is a dialogue of short lines).</summary>
public sealed class TcpSmtpDialer : ISmtpDialer
{
    public static readonly TcpSmtpDialer Instance = new();

    public async Task<Stream> DialAsync(SmtpRelay relay, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(relay);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(relay.Host, relay.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
