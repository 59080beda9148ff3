using System.Collections.Immutable;
using MtaActors.Core.Addressing;
using MtaActors.Core.Routing;

namespace MtaActors.Core.Tests.Routing;

public sealed class RoutingTableSpec
{
    [Fact]
    public void Most_specific_space_wins_over_cheaper_general_one()
    {
        var table = Table(
            ("internet", Smtp("*", 1)),
            ("contoso-gw", Smtp("*@contoso.com", 50)));

        var candidates = table.Candidates(Address.Parse("jsmith@contoso.com"));

        Assert.Equal(["contoso-gw", "internet"], Links(candidates));
    }

    [Fact]
    public void Equal_specificity_is_ordered_by_lower_cost_then_link_name()
    {
        var table = Table(
            ("c", Smtp("*@contoso.com", 20)),
            ("b", Smtp("*@contoso.com", 10)),
            ("a", Smtp("*@contoso.com", 20)));

        var candidates = table.Candidates(Address.Parse("jsmith@contoso.com"));

        Assert.Equal(["b", "a", "c"], Links(candidates));
        Assert.Equal(new RouteCandidate("b", Smtp("*@contoso.com", 10).Specificity, 10), candidates[0]);
    }

    [Fact]
    public void Each_link_appears_once_with_its_best_space()
    {
        var table = Table(
            ("gw", Smtp("*", 1)),
            ("gw", Smtp("*@*.com", 30)),
            ("gw", Smtp("*@contoso.com", 40)),
            ("gw", Smtp("*@contoso.com", 20)),
            ("other", Smtp("*@*.com", 1)));

        var candidates = table.Candidates(Address.Parse("jsmith@contoso.com"));

        Assert.Equal(
            [
                new RouteCandidate("gw", Smtp("*@contoso.com", 20).Specificity, 20),
                new RouteCandidate("other", Smtp("*@*.com", 1).Specificity, 1),
            ],
            candidates.ToArray());
    }

    [Fact]
    public void No_matching_space_gives_no_candidates()
    {
        var table = Table(("gw", Smtp("*@contoso.com", 1)), ("x400", X400("c=FR", 1)));

        Assert.Empty(table.Candidates(Address.Parse("jsmith@fabrikam.com")));
        Assert.Empty(table.Candidates(Address.Parse("/O=CONTOSO/CN=X")));
        Assert.Empty(table.Candidates(Address.FromUserInput("not an address")));
        Assert.Empty(RoutingTable.Empty.Candidates(Address.Parse("jsmith@contoso.com")));
    }

    [Fact]
    public void Subdomain_spaces_apply_to_every_depth_below_their_parent_but_not_to_it()
    {
        var table = Table(("eu", Smtp("*@*.eu.contoso.com", 1)), ("all", Smtp("*@*.contoso.com", 1)));

        Assert.Equal(["eu", "all"], Links(table.Candidates(Address.Parse("a@paris.eu.contoso.com"))));
        Assert.Equal(["all"], Links(table.Candidates(Address.Parse("a@eu.contoso.com"))));
        Assert.Empty(table.Candidates(Address.Parse("a@contoso.com")));
    }

    [Fact]
    public void One_address_space_beats_its_domain()
    {
        var table = Table(("ceo", Smtp("ceo@contoso.com", 90)), ("gw", Smtp("contoso.com", 1)));

        Assert.Equal(["ceo", "gw"], Links(table.Candidates(Address.Parse("CEO@contoso.com"))));
        Assert.Equal(["gw"], Links(table.Candidates(Address.Parse("cfo@contoso.com"))));
    }

    [Fact]
    public void X400_spaces_are_found_whether_or_not_they_pin_country_and_organisation()
    {
        var table = Table(
            ("paris", X400("c=FR;p=Contoso;o=Paris", 1)),
            ("france", X400("c=FR", 1)),
            ("contoso", X400("p=Contoso", 1)),
            ("prefix", X400("c=FR;o=Pa*", 1)),
            ("everything", X400("*", 1)),
            ("lyon", X400("c=FR;o=Lyon", 1)));

        Assert.Equal(
            ["paris", "prefix", "contoso", "france", "everything"],
            Links(table.Candidates(Address.Parse("c=FR;a= ;p=Contoso;o=Paris;s=Dupont"))));
        Assert.Equal(["france", "everything"], Links(table.Candidates(Address.Parse("c=FR;cn=Admin"))));
    }

    [Fact]
    public void Exchange_dn_spaces_are_found_for_every_enclosing_subtree()
    {
        var table = Table(
            ("org", Dn("/O=CONTOSO", 1)),
            ("site", Dn("/O=CONTOSO/OU=PARIS/*", 1)),
            ("near-miss", Dn("/O=CONTOSO/OU=PAR", 1)),
            ("anything", Dn("*", 1)));

        Assert.Equal(
            ["site", "org", "anything"],
            Links(table.Candidates(Address.Parse("/O=CONTOSO/OU=PARIS/CN=RECIPIENTS/CN=JSMITH"))));
        Assert.Equal(["org", "anything"], Links(table.Candidates(Address.Parse("/O=CONTOSO"))));
    }

    [Fact]
    public void Spaces_of_one_type_never_answer_for_another()
    {
        var table = Table(("smtp", Smtp("*", 1)), ("x400", X400("*", 1)), ("dn", Dn("*", 1)));

        Assert.Equal(["smtp"], Links(table.Candidates(Address.Parse("a@b.c"))));
        Assert.Equal(["x400"], Links(table.Candidates(Address.Parse("c=US;s=X"))));
        Assert.Equal(["dn"], Links(table.Candidates(Address.Parse("/O=X"))));
    }

    [Fact]
    public void The_table_keeps_the_rows_it_was_built_from()
    {
        LinkRoute[] routes = [new("a", Smtp("*", 1)), new("b", Dn("*", 2))];
        Assert.Equal(routes, new RoutingTable(routes).Routes);
    }

    [Fact]
    public void A_row_without_a_link_name_is_refused()
        => Assert.Throws<ArgumentException>(() => new RoutingTable([new LinkRoute(" ", Smtp("*", 1))]));

    [Fact]
    public void Random_mixed_tables_answer_like_a_scan_of_every_space()
    {
        var random = new Random(55);
        for (var round = 0; round < 20; round++)
        {
            var routes = Enumerable.Range(0, random.Next(1, 150)).Select(_ => RandomRoute(random)).ToList();
            var table = new RoutingTable(routes);
            for (var i = 0; i < 100; i++)
            {
                var address = RandomAddress(random);
                Assert.Equal(RoutingOracle.Candidates(routes, address).ToArray(), table.Candidates(address).ToArray());
            }
        }
    }

    internal static LinkRoute RandomRoute(Random random)
    {
        var link = "link-" + random.Next(12);
        var cost = random.Next(1, 6);
        var domain = RandomDomain(random);
        return random.Next(10) switch
        {
            0 => new LinkRoute(link, Smtp("*", cost)),
            1 => new LinkRoute(link, Smtp("*@*." + domain, cost)),
            2 => new LinkRoute(link, Smtp($"u{random.Next(3)}@{domain}", cost)),
            3 or 4 => new LinkRoute(link, Smtp(domain, cost)),
            5 or 6 => new LinkRoute(link, X400(RandomX400Pattern(random), cost)),
            _ => new LinkRoute(link, Dn(RandomDnPattern(random), cost)),
        };
    }

    internal static Address RandomAddress(Random random)
        => random.Next(3) switch
        {
            0 => Address.Parse($"u{random.Next(3)}@{RandomDomain(random)}"),
            1 => Address.Parse($"c={Pick(random, "FR", "US")};p={Pick(random, "A", "B")};o={Pick(random, "PARIS", "PAU", "LYON")};s=S{random.Next(2)}"),
            _ => Address.Parse("/O=" + Pick(random, "A", "B") + string.Concat(Enumerable.Range(0, random.Next(0, 4)).Select(_ => "/OU=" + Pick(random, "X", "Y")))),
        };

    private static string RandomX400Pattern(Random random)
    {
        var parts = new List<string>();
        if (random.Next(4) > 0)
        {
            parts.Add("c=" + Pick(random, "FR", "US"));
        }

        if (random.Next(2) > 0)
        {
            parts.Add("p=" + Pick(random, "A", "B", "*"));
        }

        if (random.Next(3) > 0)
        {
            parts.Add("o=" + Pick(random, "PARIS", "PA*", "LYON", "P*"));
        }

        if (random.Next(4) == 0)
        {
            parts.Add("s=S" + random.Next(2));
        }

        return parts.Count == 0 ? "*" : string.Join(';', parts);
    }

    private static string RandomDnPattern(Random random)
        => random.Next(6) == 0
            ? "*"
            : "/O=" + Pick(random, "A", "B") + string.Concat(Enumerable.Range(0, random.Next(0, 3)).Select(_ => "/OU=" + Pick(random, "X", "Y")));

    private static string RandomDomain(Random random)
        => string.Join('.', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Pick(random, "a", "b", "c")));

    private static string Pick(Random random, params string[] choices) => choices[random.Next(choices.Length)];

    private static RoutingTable Table(params (string Link, AddressSpace Space)[] rows)
        => new(rows.Select(row => new LinkRoute(row.Link, row.Space)));

    private static string[] Links(ImmutableArray<RouteCandidate> candidates) => [.. candidates.Select(candidate => candidate.Link)];

    private static AddressSpace Smtp(string pattern, int cost) => AddressSpace.Create(AddressType.Smtp, pattern, cost);

    private static AddressSpace X400(string pattern, int cost) => AddressSpace.Create(AddressType.X400, pattern, cost);

    private static AddressSpace Dn(string pattern, int cost) => AddressSpace.Create(AddressType.ExchangeDn, pattern, cost);
}
