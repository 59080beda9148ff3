using System.Collections.Immutable;
using System.Globalization;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;
using MtaActors.Core.Routing;
using MtaActors.Core.Topology;

namespace MtaActors.Host.Bench;

/// <summary>
/// What one run sends: message <c>seq</c> goes to target <c>seq mod targets</c> (an even spread), with a priority
/// drawn from the mix by a seeded generator, and an id <c>{prefix}{seq}</c> that lets the delivery tracker find its
/// submit time again. Messages are built on demand, batch by batch, with one shared body of the requested size.
/// </summary>
internal sealed class LoadPlan
{
    private readonly Priority[] _priorities;
    private readonly string _body;
    private readonly Address _originator;
    private readonly TimeSpan _expiry;

    private LoadPlan(ImmutableArray<LoadTarget> targets, int messages, int sizeBytes, Priority[] priorities, string prefix, Address originator, TimeSpan expiry)
    {
        Targets = targets;
        Count = messages;
        SizeBytes = sizeBytes;
        _priorities = priorities;
        Prefix = prefix;
        _originator = originator;
        _expiry = expiry;
        _body = new string('x', Math.Max(0, sizeBytes - Subject.Length));
    }

    public const string Subject = "bench";

    public ImmutableArray<LoadTarget> Targets { get; }

    public int Count { get; }

    public int SizeBytes { get; }

    public string Prefix { get; }

    public int TargetOf(int seq) => seq % Targets.Length;

    public static LoadPlan Create(Topology topology, int messages, int sizeBytes, PriorityMix mix, string prefix)
    {
        var targets = DiscoverTargets(topology);
        if (targets.IsEmpty)
        {
            throw new BenchUsageException("the topology has no link that an SMTP recipient routes to; nothing to load");
        }

        var random = new Random(20260523);
        var priorities = new Priority[messages];
        for (var i = 0; i < messages; i++)
        {
            priorities[i] = mix.Pick(random);
        }

        return new LoadPlan(targets, messages, sizeBytes, priorities, prefix, topology.Server.Postmaster, topology.Routing.DefaultExpiry);
    }

    /// <summary>
    /// The links that a recipient can be aimed at: for each link, a recipient made from one of its SMTP address spaces
    /// that is not local and that the routing table, with every link up, sends over that very link (an alternate route
    /// gets no load of its own).
    /// </summary>
    public static ImmutableArray<LoadTarget> DiscoverTargets(Topology topology)
    {
        var table = topology.BuildRoutingTable();
        var targets = ImmutableArray.CreateBuilder<LoadTarget>();
        foreach (var link in topology.Links)
        {
            foreach (var space in link.AddressSpaces.Where(s => s.Type == AddressType.Smtp))
            {
                if (RecipientFor(space.Pattern) is not { } recipient
                    || topology.Directory.Resolve(recipient) is not LocalResolution.NotLocal
                    || RouteSelector.Choose(table.Candidates(recipient), _ => true, 0) is not RouteChoice.ViaLink via
                    || !string.Equals(via.Link, link.Name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                targets.Add(new LoadTarget(targets.Count, link.Name, Core.Topology.LinkKinds.ToName(link.Kind), link.Secured, link.Remote.Name, recipient));
                break;
            }
        }

        return targets.ToImmutable();
    }

    public Message CreateMessage(int seq, DateTimeOffset now)
    {
        var id = Prefix + seq.ToString(CultureInfo.InvariantCulture);
        return new Message
        {
            Id = id,
            Originator = _originator,
            Recipients = [Targets[TargetOf(seq)].Recipient],
            Priority = _priorities[seq],
            SubmittedAt = now,
            ExpiresAt = now + _expiry,
            Subject = Subject,
            Body = _body,
            SizeBytes = SizeBytes,
            ContentChecksum = ContentChecksum.Compute(id, Subject, _body),
        };
    }

    /// <summary>The sequence number of a message id of this plan, or -1 for any other message.</summary>
    public int SeqOf(string messageId)
        => messageId.StartsWith(Prefix, StringComparison.Ordinal)
           && int.TryParse(messageId.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
           && seq < Count
            ? seq
            : -1;

    /// <summary>A deliverable address inside an SMTP pattern: <c>*@d</c> → <c>bench@d</c>, <c>*@*.d</c> → <c>bench@bench.d</c>, <c>*</c> → an outside domain.</summary>
    private static Address? RecipientFor(string pattern)
    {
        var text = pattern switch
        {
            "*" => "bench@bench-anywhere.example",
            _ when pattern.StartsWith("*@*.", StringComparison.Ordinal) => "bench@bench." + pattern[4..],
            _ when pattern.StartsWith("*@", StringComparison.Ordinal) => "bench@" + pattern[2..],
            _ when !pattern.Contains('*', StringComparison.Ordinal) => pattern,
            _ => null,
        };
        return text is not null && Address.TryParse(text, out var address, out _) ? address : null;
    }
}
