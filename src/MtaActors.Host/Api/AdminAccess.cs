using System.Collections.Immutable;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace MtaActors.Host.Api;

/// <summary>
/// Who may drive the admin API: the bearer token every request must carry (none: loopback only, where the daemon
/// refuses to start without one beyond it), and the names a request's <c>Host</c> may give besides the bound address
/// and the loopback names, so that a page on another site cannot reach the API through DNS rebinding.
/// </summary>
public sealed record AdminAccess
{
    /// <summary>What a daemon on the default loopback address with no token allows.</summary>
    public static readonly AdminAccess Loopback = new(null, [], "127.0.0.1");

    private static readonly ImmutableArray<string> LoopbackNames = ["localhost", "127.0.0.1", "[::1]"];

    private readonly byte[]? tokenHash;

    /// <param name="token">The bearer token every request needs, or null for none.</param>
    /// <param name="allowedHosts">Further <c>Host</c> names, each <c>name</c> (any port) or <c>name:port</c>.</param>
    /// <param name="boundHost">The host of the address the API listens on, e.g. <c>127.0.0.1</c> or <c>0.0.0.0</c>.</param>
    public AdminAccess(string? token, ImmutableArray<string> allowedHosts, string boundHost)
    {
        tokenHash = token is null ? null : Hash(token);
        AllowedHosts = allowedHosts.IsDefault ? [] : allowedHosts;
        BoundHost = boundHost;
    }

    public bool RequiresToken => tokenHash is not null;

    public ImmutableArray<string> AllowedHosts { get; }

    public string BoundHost { get; }

    /// <summary>True for the loopback names and addresses: what the API may listen on without a token.</summary>
    public static bool IsLoopback(string host)
        => string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>
    /// Compares in constant time: both sides are hashed first, so neither the length nor a common prefix of the
    /// configured token shows in how long a refusal takes.
    /// </summary>
    public bool IsToken(string given)
        => tokenHash is not null && CryptographicOperations.FixedTimeEquals(Hash(given), tokenHash);

    /// <summary>
    /// True when <paramref name="host"/> names this daemon: a configured name, else, on the port the request came in on,
    /// a loopback name, the bound address, or (bound to every interface) any IP address. A DNS name that is none of these
    /// is what a rebinding attack sends.
    /// </summary>
    public bool AllowsHost(HostString host, int localPort, bool https)
    {
        if (!host.HasValue)
        {
            return false;
        }

        var name = host.Host;
        var port = host.Port ?? (https ? 443 : 80);
        foreach (var allowed in AllowedHosts)
        {
            var entry = new HostString(allowed);
            if (string.Equals(entry.Host, name, StringComparison.OrdinalIgnoreCase) && (entry.Port is null || entry.Port == port))
            {
                return true;
            }
        }

        if (port != localPort)
        {
            return false;
        }

        return LoopbackNames.Contains(name, StringComparer.OrdinalIgnoreCase)
            || string.Equals(name, BoundHost, StringComparison.OrdinalIgnoreCase)
            || (IsWildcard(BoundHost) && IPAddress.TryParse(name.Trim('[', ']'), out _));
    }

    private static bool IsWildcard(string host) => host is "0.0.0.0" or "[::]" or "::" or "*" or "+";

    private static byte[] Hash(string text) => SHA256.HashData(Encoding.UTF8.GetBytes(text));
}
