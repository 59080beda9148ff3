using MtaActors.Core.Addressing;
using MtaActors.Core.Routing;
using MtaActors.Tests.Common;

namespace MtaActors.Core.Tests.Routing;

public sealed class RoutingTableScaleSpec
{
    private const int SpaceCount = LargeRoutingTable.SpaceCount;

    private readonly List<LinkRoute> _routes = LargeRoutingTable.Routes();

    [Fact]
    public void A_table_of_ten_thousand_spaces_holds_them_all()
        => Assert.Equal(SpaceCount, new RoutingTable(_routes).Routes.Length);

    [Fact]
    public void A_table_of_ten_thousand_spaces_answers_like_a_scan_of_every_space()
    {
        var table = new RoutingTable(_routes);
        var random = new Random(10_000);
        var matched = 0;
        for (var i = 0; i < 600; i++)
        {
            var address = LargeRoutingTable.RandomAddress(random);
            var expected = RoutingOracle.Candidates(_routes, address).ToArray();

            Assert.Equal(expected, table.Candidates(address).ToArray());
            matched += expected.Length > 1 ? 1 : 0;
        }

        // The generated addresses must mostly land in claimed space, or the comparison proves little.
        Assert.True(matched > 300, $"only {matched} addresses had several candidates");
    }

    [Fact]
    public void A_table_of_ten_thousand_spaces_picks_the_site_link_for_a_site_address()
    {
        var table = new RoutingTable(_routes);

        var smtp = table.Candidates(Address.Parse("jsmith@site1234.contoso.com"));
        var x400 = table.Candidates(Address.Parse("c=FR;a= ;p=PRMD11;o=SITE1011;s=Dupont"));
        var dn = table.Candidates(Address.Parse("/O=ORG3/OU=SITE803/CN=RECIPIENTS/CN=JSMITH"));

        Assert.Equal("smtp-1234", smtp[0].Link);
        Assert.Equal("internet", smtp[^1].Link);
        Assert.Equal("x400-1011", x400[0].Link);
        Assert.Equal("dn-803", dn[0].Link);
        Assert.Equal("dn-org-3", dn[1].Link);
    }
}
