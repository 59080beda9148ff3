using System.Net;
using SmtpServer;
using SmtpServer.Protocol;

namespace MtaActors.Host.Smtp;

/// <summary>
/// What the listener knows about one connection beyond what SmtpServer keeps: the client's address and name, the
/// recipients accepted in the current transaction, and a refusal the connection guard decided while the message data
/// streamed in (too large, a line too long), answered by the message store after the final dot.
/// </summary>
internal sealed class InboundSession(IPAddress client)
{
    private const string Key = "mta:inbound-session";

    /// <summary>The client's address (an IPv4-mapped IPv6 address as IPv4).</summary>
    public IPAddress Client { get; } = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;

    /// <summary>The name the client gave in HELO or EHLO; null before.</summary>
    public string? ClientName { get; set; }

    /// <summary>Recipients accepted since the last MAIL FROM.</summary>
    public int Recipients { get; set; }

    /// <summary>Set by the connection guard when the data block broke a limit; the answer after the final dot.</summary>
    public SmtpResponse? DataRefusal { get; set; }

    public void Attach(ISessionContext context) => context.Properties[Key] = this;

    public static InboundSession Of(ISessionContext context)
        => context.Properties.TryGetValue(Key, out var value) && value is InboundSession session
            ? session
            : throw new InvalidOperationException("the session was not accepted through the inbound listener");
}
