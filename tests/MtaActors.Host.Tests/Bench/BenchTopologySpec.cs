using MtaActors.Core.Addressing;
using MtaActors.Core.Topology;
using MtaActors.Host.Bench;

namespace MtaActors.Host.Tests.Bench;

public sealed class BenchTopologySpec
{
    [Fact]
    public void Every_generated_link_is_the_only_route_to_its_own_site()
    {
        var topology = BenchTopology.Generate(12, 0, TimeSpan.FromSeconds(1));

        var targets = LoadPlan.DiscoverTargets(topology);

        Assert.Equal(12, topology.Links.Length);
        Assert.Equal(topology.Links.Select(l => l.Name), targets.Select(t => t.Link));
        Assert.Equal(12, topology.Links.Select(l => l.Remote.Name).Distinct().Count());
        Assert.All(topology.Links, link => Assert.Equal(TimeSpan.Zero, link.Remote.Latency));
        var table = topology.BuildRoutingTable();
        Assert.All(targets, t => Assert.Equal([t.Link], table.Candidates(t.Recipient).Select(c => c.Link)));
    }

    [Theory]
    [InlineData(6, 0.0, 0)]
    [InlineData(6, 0.5, 3)]
    [InlineData(6, 1.0, 6)]
    [InlineData(10, 0.3, 3)]
    public void Secured_fraction_decides_how_many_links_are_secured_gateways(int links, double fraction, int secured)
    {
        var topology = BenchTopology.Generate(links, fraction, TimeSpan.FromSeconds(1));

        Assert.Equal(secured, topology.Links.Count(l => l.Secured));
        Assert.All(topology.Links, l => Assert.Equal(LinkKinds.SecuredByDefault(l.Kind), l.Secured));
    }

    [Fact]
    public void Kinds_are_mixed_connectors_and_site_links()
    {
        var topology = BenchTopology.Generate(6, 0.5, TimeSpan.FromMilliseconds(300));

        Assert.Equal(6, topology.Links.Select(l => l.Kind).Distinct().Count());
        Assert.All(topology.Links, l => Assert.Equal(TimeSpan.FromMilliseconds(300), l.Retry.NormalTransferTimeout));
    }

    [Fact]
    public void Load_is_spread_evenly_and_ids_lead_back_to_their_sequence_number()
    {
        var topology = BenchTopology.Generate(3, 0, TimeSpan.FromSeconds(1));
        var plan = LoadPlan.Create(topology, 10, 512, new PriorityMix(1, 1, 1), "p-");

        var messages = Enumerable.Range(0, 10).Select(seq => plan.CreateMessage(seq, DateTimeOffset.UnixEpoch)).ToList();

        Assert.Equal([4, 3, 3], Enumerable.Range(0, 3).Select(t => Enumerable.Range(0, 10).Count(seq => plan.TargetOf(seq) == t)));
        Assert.All(messages, m => Assert.Equal(512, m.SizeBytes));
        Assert.All(messages, m => Assert.Equal(Core.Messages.ContentChecksum.Compute(m), m.ContentChecksum));
        Assert.Equal(Enumerable.Range(0, 10), messages.Select(m => plan.SeqOf(m.Id)));
        Assert.Equal(-1, plan.SeqOf("other-3"));
        Assert.Equal(Address.Parse("bench@site2.bench"), messages[1].Recipients.Single());
    }
}
