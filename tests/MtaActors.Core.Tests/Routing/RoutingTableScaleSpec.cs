using MtaActors.Core.Addressing;
using MtaActors.Core.Routing;

namespace MtaActors.Core.Tests.Routing;

public sealed class RoutingTableScaleSpec
{
    private const int SpaceCount = 10_000;

    private static readonly string[] Countries = ["US", "FR", "DE", "GB", "JP"];

    private readonly List<LinkRoute> _routes = BuildRoutes();

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
            var address = RandomAddress(random);
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

    private static List<LinkRoute> BuildRoutes()
    {
        var routes = new List<LinkRoute>(SpaceCount)
        {
            new("internet", Space(AddressType.Smtp, "*", 100)),
            new("backbone", Space(AddressType.X400, "*", 100)),
        };

        for (var i = 0; i < 3_500; i++)
        {
            routes.Add(new($"smtp-{i}", Space(AddressType.Smtp, $"*@site{i}.contoso.com", 1 + (i % 7))));
        }

        for (var i = 0; i < 1_000; i++)
        {
            routes.Add(new($"region-{i % 40}", Space(AddressType.Smtp, $"*@*.region{i}.fabrikam.net", 1 + (i % 3))));
            routes.Add(new($"vip-{i % 25}", Space(AddressType.Smtp, $"vip{i % 10}@site{i}.contoso.com", 5)));
        }

        for (var i = 0; i < 2_500; i++)
        {
            routes.Add(new($"x400-{i}", Space(AddressType.X400, $"c={Countries[i % 5]};p=PRMD{i % 50};o=SITE{i}", 1 + (i % 4))));
        }

        for (var i = 0; i < 100; i++)
        {
            routes.Add(new($"x400-country-{i % 5}", Space(AddressType.X400, $"c={Countries[i % 5]};p=PRMD{i}", 10)));
            routes.Add(new($"x400-prefix-{i % 5}", Space(AddressType.X400, $"p=PRMD{i};o=SITE1*", 20)));
        }

        for (var i = 0; i < 10; i++)
        {
            routes.Add(new($"dn-org-{i}", Space(AddressType.ExchangeDn, $"/O=ORG{i}", 10)));
        }

        while (routes.Count < SpaceCount)
        {
            var i = routes.Count;
            routes.Add(new($"dn-{i % 1_000}", Space(AddressType.ExchangeDn, $"/O=ORG{i % 10}/OU=SITE{i % 1_000}/*", 1 + (i % 5))));
        }

        return routes;
    }

    private static Address RandomAddress(Random random)
    {
        var site = random.Next(4_000);
        return random.Next(4) switch
        {
            0 => Address.Parse($"vip{random.Next(12)}@site{site}.contoso.com"),
            1 => Address.Parse($"user@host.region{random.Next(1_100)}.fabrikam.net"),
            2 => Address.Parse($"c={Countries[site % 5]};p=PRMD{site % 50};o=SITE{site};s=S{random.Next(3)}"),
            _ => Address.Parse($"/O=ORG{site % 10}/OU=SITE{site % 1_000}/CN=RECIPIENTS/CN=U{random.Next(5)}"),
        };
    }

    private static AddressSpace Space(AddressType type, string pattern, int cost) => AddressSpace.Create(type, pattern, cost);
}
