using MtaActors.Core.Addressing;
using MtaActors.Core.Topology;
using TopologyModel = MtaActors.Core.Topology.Topology;
using MtaActors.Tests.Common;

namespace MtaActors.Core.Tests.Topology;

/// <summary>The sample topology in config/ loads and has the shape the daemon's demo and the documentation promise.</summary>
public sealed class SampleTopologySpec
{
    private static readonly Lazy<TopologyModel> Sample = new(() => TopologyLoader.Load(RepositoryPaths.File("config/topology.json")));

    private static TopologyModel Topology => Sample.Value;

    [Fact]
    public void Sample_is_this_london_server_of_contoso()
    {
        var server = Topology.Server;

        Assert.Equal(("LON-MTA-01", "London", "Contoso"), (server.Name, server.Site, server.Organization));
        Assert.IsType<MtaActors.Core.Routing.LocalResolution.Mailbox>(Topology.Directory.Resolve(server.Postmaster));
    }

    [Fact]
    public void Sample_has_at_least_six_links_of_every_kind()
    {
        Assert.True(Topology.Links.Length >= 6, $"only {Topology.Links.Length} links");
        Assert.Equal(Enum.GetValues<LinkKind>().ToHashSet(), Topology.Links.Select(link => link.Kind).ToHashSet());
    }

    [Fact]
    public void Sample_reaches_paris_and_new_york_by_smtp_x400_and_dn()
    {
        foreach (var site in new[] { "Paris", "NewYork" })
        {
            var types = Topology.Links
                .Where(link => link.Remote.Name == site)
                .SelectMany(link => link.AddressSpaces.Select(space => space.Type))
                .ToHashSet();

            Assert.Equal([AddressType.Smtp, AddressType.X400, AddressType.ExchangeDn], types);
        }
    }

    [Fact]
    public void Sample_has_an_alternate_route_sharing_a_pattern_at_a_higher_cost()
    {
        var alternates = Topology.Links
            .SelectMany(link => link.AddressSpaces.Select(space => (link.Name, space.Type, space.Pattern, space.Cost)))
            .GroupBy(row => (row.Type, row.Pattern))
            .Where(group => group.Select(row => row.Cost).Distinct().Count() > 1)
            .ToList();

        Assert.Contains(alternates, group => group.Any(row => row.Name == "x400-paris") && group.Any(row => row.Name == "site-paris"));
    }

    [Fact]
    public void Paris_mail_prefers_the_x400_connector_then_the_site_connector()
    {
        var candidates = Topology.BuildRoutingTable().Candidates(Address.Parse("mdubois@paris.contoso.com"));

        Assert.Equal(["x400-paris", "site-paris"], candidates.Select(candidate => candidate.Link).Take(2));
    }

    [Fact]
    public void Fax_numbers_reach_the_edk_gateway_through_a_domain_defined_attribute()
    {
        var fax = Address.Parse("c=GB;a= ;p=Contoso;o=Fax;dda:fax=+442071234567");

        var owners = Topology.Links.Where(link => link.AddressSpaces.Any(space => space.Matches(fax))).Select(link => link.Name);

        Assert.Equal(["edk-fax"], owners);
    }

    [Fact]
    public void Gateways_are_secured_and_connectors_are_not()
    {
        Assert.All(Topology.Links, link => Assert.Equal(LinkKinds.SecuredByDefault(link.Kind), link.Secured));
        Assert.Contains(Topology.Links, link => link.Name == "imc-internet" && link.AddressSpaces.Any(space => space.Pattern == "*"));
    }

    [Fact]
    public void Sample_latencies_are_small()
    {
        Assert.All(Topology.Links, link => Assert.InRange(link.Remote.Latency, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(5)));
    }

    [Fact]
    public void Sample_uses_the_demo_retry_defaults_and_one_override()
    {
        Assert.Equal(RetryPolicy.Default, Topology.FindLink("x400-paris")!.Retry);
        Assert.NotEqual(RetryPolicy.Default, Topology.FindLink("ras-newyork")!.Retry);
    }

    [Fact]
    public void Sample_has_five_mailboxes_with_all_three_address_forms()
    {
        var mailboxes = Topology.Directory.Mailboxes;

        Assert.True(mailboxes.Length >= 5, $"only {mailboxes.Length} mailboxes");
        Assert.All(mailboxes, mailbox => Assert.Equal(
            [AddressType.Smtp, AddressType.X400, AddressType.ExchangeDn],
            mailbox.Addresses.Select(address => address.Type).ToHashSet()));
    }

    [Fact]
    public void Sample_has_two_lists_one_nested_in_the_other()
    {
        var lists = Topology.Directory.Lists;

        Assert.Equal(2, lists.Length);
        Assert.Contains(lists, outer => lists.Any(inner => inner != outer && outer.Members.Contains(inner.Address)));
    }

    [Fact]
    public void Expanding_all_london_reaches_the_nested_lists_members_once_each()
    {
        var directory = Topology.Directory;
        var allLondon = directory.Lists.Single(list => list.Name == "all-london");

        var members = directory.Expand(allLondon).Select(address => address.Value).ToList();

        Assert.Contains("mdubois@paris.contoso.com", members);
        Assert.Single(members, member => member == "jsmith@london.contoso.com");
        Assert.DoesNotContain("london-sales@london.contoso.com", members);
    }
}
