using MtaActors.Core.Addressing;
using MtaActors.Core.Routing;

namespace MtaActors.Tests.Common;

/// <summary>
/// A routing table of 10,000 address spaces shaped like a large organisation's: SMTP sites, regional wildcards,
/// VIP mailboxes, X.400 sites and PRMD prefixes, Exchange DN sites, and catch-all routes. Used by the scale spec
/// (answers like a scan of every space) and the routing benchmark, so both measure the same table.
/// </summary>
public static class LargeRoutingTable
{
    public const int SpaceCount = 10_000;

    private static readonly string[] Countries = ["US", "FR", "DE", "GB", "JP"];

    public static List<LinkRoute> Routes()
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

    /// <summary>An address of a random family, most of them inside claimed space, some of them outside it.</summary>
    public static Address RandomAddress(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
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
