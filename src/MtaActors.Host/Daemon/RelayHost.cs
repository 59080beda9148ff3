using MtaActors.Core.Addressing;
using MtaActors.Core.Topology;

namespace MtaActors.Host.Daemon;

/// <summary>
/// The smarthost setting (<c>--relay-host</c>, <c>relayHost</c>): which link it redirects and how it is written. The link is
/// the Internet gateway: the one named <see cref="GatewayName"/>, else the one link that claims every SMTP address (<c>*</c>).
/// Its queue, retry policy and address spaces stay as they are; only its far end becomes the SMTP server.
/// </summary>
public static class RelayHost
{
    public const string GatewayName = "imc-internet";

    public static bool TryParse(string? text, out SmtpRelay? relay, out string? error)
    {
        if (SmtpEndpointSyntax.TryParse(text, out var host, out var port))
        {
            relay = new SmtpRelay(host, port, SmtpRelay.DefaultConnections);
            error = null;
            return true;
        }

        relay = null;
        error = $"{SmtpEndpointSyntax.Expected} (got '{text}')";
        return false;
    }

    /// <summary>The topology with its Internet gateway pointed at <paramref name="relay"/>; throws <see cref="SettingsException"/> without one.</summary>
    public static Topology Apply(Topology topology, SmtpRelay relay)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(relay);
        var gateway = topology.FindLink(GatewayName)
                      ?? topology.Links.SingleOrDefault(link => link.AddressSpaces.Any(space => space.Type == AddressType.Smtp && space.Pattern == "*"))
                      ?? throw new SettingsException($"relayHost: the topology has no Internet gateway (a link named {GatewayName}, or one link with the SMTP address space *)");

        // A connection count the topology gave the gateway stands; otherwise the default.
        var smtp = gateway.Smtp is { } configured ? relay with { Connections = configured.Connections } : relay;
        return topology with { Links = [.. topology.Links.Select(link => ReferenceEquals(link, gateway) ? link with { Smtp = smtp } : link)] };
    }
}
