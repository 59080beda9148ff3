using System.Collections.Immutable;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;
using MtaActors.Core.Routing;
using MtaActors.Core.Topology;

namespace MtaActors.Engine.WorkQueue;

/// <summary>
/// The routing rules of the work queue, as pure functions over the topology: expand distribution lists, then for each
/// recipient decide local store, link, wait, or non-delivery (malformed, unknown local recipient, no route, expired, loop).
/// </summary>
public sealed class RoutingPlanner
{
    /// <summary>The queue name of this server's private store.</summary>
    public const string LocalStore = "local-store";

    private readonly Topology _topology;
    private readonly RoutingTable _table;

    public RoutingPlanner(Topology topology)
    {
        _topology = topology;
        _table = topology.BuildRoutingTable();
    }

    public Topology Topology => _topology;

    /// <summary>The message's recipients with every distribution list replaced by its members (de-duplicated).</summary>
    public ImmutableArray<Address> Expand(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Expand(message.Recipients);
    }

    /// <summary>
    /// Recipients with every distribution list replaced by its members, nested lists included, each address once: the
    /// copies the router makes. Public so that checks outside the engine (the scenario runner's no-loss) expect exactly these.
    /// </summary>
    public ImmutableArray<Address> Expand(IReadOnlyCollection<Address> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var result = new List<Address>(recipients.Count);
        var seen = new HashSet<Address>();
        foreach (var recipient in recipients)
        {
            if (recipient.IsValid && _topology.Directory.Resolve(recipient) is LocalResolution.List list)
            {
                foreach (var member in _topology.Directory.Expand(list.Target))
                {
                    if (seen.Add(member))
                    {
                        result.Add(member);
                    }
                }
            }
            else if (seen.Add(recipient))
            {
                result.Add(recipient);
            }
        }

        return [.. result];
    }

    public RoutingPlan Plan(Message message, IEnumerable<Address> recipients, Func<string, bool> isUp, DateTimeOffset now, int spread)
    {
        var byLink = new Dictionary<string, ImmutableArray<Address>.Builder>(StringComparer.Ordinal);
        var failures = ImmutableArray.CreateBuilder<FailedRecipient>();
        var waiting = ImmutableArray.CreateBuilder<Address>();
        var expired = message.ExpiresAt <= now;
        var looping = message.Trace.Length >= _topology.Routing.MaxHops;

        foreach (var recipient in recipients)
        {
            if (!recipient.IsValid)
            {
                failures.Add(new FailedRecipient(recipient, NonDeliveryReason.MalformedAddress, recipient.Error ?? "malformed address"));
            }
            else if (expired)
            {
                failures.Add(new FailedRecipient(recipient, NonDeliveryReason.Expired, $"expired at {message.ExpiresAt:O}"));
            }
            else if (looping)
            {
                failures.Add(new FailedRecipient(recipient, NonDeliveryReason.Loop, $"{message.Trace.Length} hops (limit {_topology.Routing.MaxHops})"));
            }
            else
            {
                switch (_topology.Directory.Resolve(recipient))
                {
                    case LocalResolution.Mailbox:
                        Add(byLink, LocalStore, recipient);
                        break;
                    case LocalResolution.Unknown:
                        failures.Add(new FailedRecipient(recipient, NonDeliveryReason.UnknownRecipient, $"no mailbox or list at {_topology.Server.Site}"));
                        break;
                    case LocalResolution.List:
                        // Lists were expanded already; one reached here only as a member of itself.
                        break;
                    default:
                        switch (RouteSelector.Choose(_table.Candidates(recipient), isUp, spread))
                        {
                            case RouteChoice.ViaLink via:
                                Add(byLink, via.Link, recipient);
                                break;
                            case RouteChoice.AllRoutesDown:
                                waiting.Add(recipient);
                                break;
                            default:
                                failures.Add(new FailedRecipient(recipient, NonDeliveryReason.NoRoute, "no address space matches"));
                                break;
                        }

                        break;
                }
            }
        }

        return new RoutingPlan(
            byLink.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToImmutable(), StringComparer.Ordinal),
            failures.ToImmutable(),
            waiting.ToImmutable());
    }

    /// <summary>The message as it leaves this server over a link: with this MTA added to its trace.</summary>
    public Message Outbound(Message message, DateTimeOffset now)
        => message with { Trace = message.Trace.Add(new Hop(_topology.Server.Name, _topology.Server.Site, now)) };

    /// <summary>
    /// The message as this server accepted it, from the copy it handed a link (<see cref="Outbound"/> added this server's
    /// hop last): what a message handed back from the poison queue is routed again as, so each release does not add a hop.
    /// </summary>
    public Message Inbound(Message outbound)
        => outbound.Trace is { IsEmpty: false } trace && string.Equals(trace[^1].Server, _topology.Server.Name, StringComparison.OrdinalIgnoreCase)
            ? outbound with { Trace = trace.RemoveAt(trace.Length - 1) }
            : outbound;

    private static void Add(Dictionary<string, ImmutableArray<Address>.Builder> byLink, string link, Address recipient)
    {
        if (!byLink.TryGetValue(link, out var list))
        {
            byLink[link] = list = ImmutableArray.CreateBuilder<Address>();
        }

        list.Add(recipient);
    }
}
