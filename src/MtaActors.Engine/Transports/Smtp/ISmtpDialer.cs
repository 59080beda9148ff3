using MtaActors.Core.Topology;

namespace MtaActors.Engine.Transports.Smtp;

/// <summary>
/// Opens the byte stream an SMTP connection runs over. The transport dials through this rather than letting MailKit open
/// the socket, so that a fault can stand between the two (refuse the connection, delay or cut the stream).
/// </summary>
public interface ISmtpDialer
{
    /// <summary>A connected stream to <paramref name="relay"/>; a refused or unreachable far end throws <see cref="System.Net.Sockets.SocketException"/>.</summary>
    Task<Stream> DialAsync(SmtpRelay relay, CancellationToken cancellationToken);
}
