using System.Collections.Immutable;
using System.Net;
using MtaActors.Core.Addressing;
using MtaActors.Core.Routing;
using MtaActors.Engine.Gateway;
using SmtpServer.Protocol;

namespace MtaActors.Host.Smtp;

/// <summary>
/// The listener's decisions before any data is read, as plain functions of the engine's state, the directory and the
/// settings: whether the MTA takes mail now (421 while it starts or is disabled, 451 under back pressure), and for
/// each recipient whether it is known (550 5.1.1), may be relayed to (554 5.7.1 outside relayNetworks) and fits in
/// the message (452 4.5.3). Null means accepted.
/// </summary>
internal sealed class InboundAdmission(LocalDirectory directory, SmtpSettings settings, string server)
{
    /// <summary>Why the MTA takes no mail now, or null. Reads counters only: never waits on an actor.</summary>
    public SmtpResponse? EngineRefusal(IMtaGateway? gateway)
    {
        if (gateway is null || !gateway.IsAcceptingMail)
        {
            return SmtpReplies.StillStarting(server);
        }

        if (gateway.Administration.Disabled)
        {
            return SmtpReplies.Disabled(server);
        }

        var waiting = gateway.GetStatistics().WorkQueueLength;
        return waiting > settings.BackPressureThreshold ? SmtpReplies.BackPressure(waiting) : null;
    }

    public SmtpResponse? RecipientRefusal(Address recipient, IPAddress client, int acceptedSoFar)
    {
        if (acceptedSoFar >= settings.MaxRecipients)
        {
            return SmtpReplies.TooManyRecipients;
        }

        return directory.Resolve(recipient) switch
        {
            LocalResolution.Mailbox or LocalResolution.List => null,
            LocalResolution.Unknown => SmtpReplies.UnknownMailbox,
            _ => MayRelay(client, settings.RelayNetworks) ? null : SmtpReplies.RelayDenied,
        };
    }

    public static bool MayRelay(IPAddress client, ImmutableArray<IPNetwork> relayNetworks)
    {
        var address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return relayNetworks.Any(network => network.Contains(address));
    }
}
