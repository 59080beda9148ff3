using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace MtaActors.Host.Smtp;

/// <summary>
/// The SMTP listener's settings (the <c>smtp</c> section of <c>config/mta.json</c>; <c>--smtp</c> overrides
/// <see cref="Listen"/>). The defaults follow RFC 5321's minimums and timeouts (§4.5.3) and Exchange's limits.
/// </summary>
public sealed record SmtpSettings
{
    /// <summary>Default <c>127.0.0.1:2525</c>: loopback and an unprivileged port.</summary>
    public static readonly IPEndPoint DefaultListen = new(IPAddress.Loopback, 2525);

    /// <summary>Where the listener accepts connections; null when it is off. Default <see cref="DefaultListen"/>.</summary>
    public IPEndPoint? Listen { get; init; } = DefaultListen;

    /// <summary>
    /// Clients that may relay (send to addresses that are not local). Default loopback only (<c>127.0.0.0/8</c>,
    /// <c>::1/128</c>): a listener that relays for anyone is an open relay.
    /// </summary>
    public ImmutableArray<IPNetwork> RelayNetworks { get; init; } = [IPNetwork.Parse("127.0.0.0/8"), IPNetwork.Parse("::1/128")];

    /// <summary>The largest message accepted, in octets as received; advertised with SIZE. Default 10 MiB.</summary>
    public int MaxMessageBytes { get; init; } = 10 * 1024 * 1024;

    /// <summary>Recipients per message; the rest are answered 452 4.5.3 (the client sends them again later). Default 100, RFC 5321's minimum.</summary>
    public int MaxRecipients { get; init; } = 100;

    /// <summary>Concurrent sessions overall; a connection beyond it is answered 421 and closed. Default 200.</summary>
    public int MaxSessions { get; init; } = 200;

    /// <summary>Concurrent sessions from one client address. Default 20.</summary>
    public int MaxSessionsPerClient { get; init; } = 20;

    /// <summary>Above this many messages in the work queue new mail is answered 451 4.3.1 (Exchange's back pressure). Default 50,000.</summary>
    public int BackPressureThreshold { get; init; } = 50_000;

    /// <summary>How long the listener waits for a command line. Default 5 minutes (RFC 5321 §4.5.3.2.7: the server timeout).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the listener waits for the next block of message data. Default 3 minutes (RFC 5321 §4.5.3.2.5).</summary>
    public TimeSpan DataTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>The longest a whole session may last, however busy. Default 30 minutes.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// The certificate (with its private key) STARTTLS offers; null, the default, offers no STARTTLS. Read from the PEM
    /// files <c>tlsCertificateFile</c> and <c>tlsKeyFile</c>.
    /// </summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Whether the listener is on.</summary>
    public bool Enabled => Listen is not null;

    // By value: two settings with the same networks are the same settings (ImmutableArray compares by reference).
    public bool Equals(SmtpSettings? other)
        => other is not null
           && Equals(Listen, other.Listen)
           && RelayNetworks.SequenceEqual(other.RelayNetworks)
           && (MaxMessageBytes, MaxRecipients, MaxSessions, MaxSessionsPerClient, BackPressureThreshold)
              == (other.MaxMessageBytes, other.MaxRecipients, other.MaxSessions, other.MaxSessionsPerClient, other.BackPressureThreshold)
           && (CommandTimeout, DataTimeout, SessionTimeout) == (other.CommandTimeout, other.DataTimeout, other.SessionTimeout)
           && string.Equals(Certificate?.Thumbprint, other.Certificate?.Thumbprint, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Listen, MaxMessageBytes, MaxRecipients, RelayNetworks.Length);
}
