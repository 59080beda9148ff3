using System.Collections.Immutable;
using MtaActors.Core.Addressing;
using MtaActors.Core.Routing;

namespace MtaActors.Core.Tests.Routing;

public sealed class LocalDirectorySpec
{
    private static readonly LocalMailbox Smith = Mailbox("jsmith", "jsmith@contoso.com", "c=US;a= ;p=Contoso;o=Paris;s=Smith;g=John", "/O=CONTOSO/OU=PARIS/CN=RECIPIENTS/CN=JSMITH");
    private static readonly LocalMailbox Jones = Mailbox("ajones", "ajones@contoso.com");
    private static readonly LocalMailbox Brown = Mailbox("bbrown", "bbrown@contoso.com");

    [Fact]
    public void Any_address_of_a_mailbox_resolves_to_it()
    {
        var directory = Directory([Smith, Jones], []);

        foreach (var text in new[] { "<JSmith@Contoso.com>", "c=us;p=contoso;o=paris;s=smith;g=john;a=", "/o=contoso/ou=paris/cn=recipients/cn=jsmith" })
        {
            var resolution = directory.Resolve(Address.Parse(text));
            Assert.Equal(Smith, Assert.IsType<LocalResolution.Mailbox>(resolution).Target);
        }
    }

    [Fact]
    public void A_list_address_resolves_to_the_list()
    {
        var list = List("sales", "sales@contoso.com", "jsmith@contoso.com");
        var directory = Directory([Smith], [list]);

        Assert.Equal(list, Assert.IsType<LocalResolution.List>(directory.Resolve(Address.Parse("Sales@Contoso.com"))).Target);
    }

    [Fact]
    public void An_unclaimed_address_in_a_local_space_is_unknown()
    {
        var directory = Directory([Smith], [], "*@contoso.com", "*@*.contoso.com");

        Assert.Same(LocalResolution.Unknown.Instance, directory.Resolve(Address.Parse("nobody@contoso.com")));
        Assert.Same(LocalResolution.Unknown.Instance, directory.Resolve(Address.Parse("nobody@paris.contoso.com")));
    }

    [Fact]
    public void An_address_outside_every_local_space_is_not_local()
    {
        var directory = Directory([Smith], [], "*@contoso.com");

        Assert.Same(LocalResolution.NotLocal.Instance, directory.Resolve(Address.Parse("jsmith@fabrikam.com")));
        Assert.Same(LocalResolution.NotLocal.Instance, directory.Resolve(Address.Parse("c=US;s=Smith")));
        Assert.Same(LocalResolution.NotLocal.Instance, directory.Resolve(Address.FromUserInput("garbage")));
    }

    [Fact]
    public void A_mailbox_outside_the_local_spaces_is_still_local()
        => Assert.IsType<LocalResolution.Mailbox>(Directory([Jones], [], "*@fabrikam.com").Resolve(Address.Parse("ajones@contoso.com")));

    [Fact]
    public void The_directory_exposes_what_it_was_built_from()
    {
        var list = List("sales", "sales@contoso.com", "jsmith@contoso.com");
        var directory = Directory([Smith, Jones], [list], "*@contoso.com");

        Assert.Equal([Smith, Jones], directory.Mailboxes.ToArray());
        Assert.Equal([list], directory.Lists.ToArray());
        Assert.Equal([AddressSpace.Create(AddressType.Smtp, "*@contoso.com", 1)], directory.LocalSpaces.ToArray());
    }

    [Fact]
    public void An_address_claimed_by_two_mailboxes_is_refused_naming_it()
    {
        var twin = Mailbox("impostor", "JSMITH@contoso.com");

        var exception = Assert.Throws<ArgumentException>(() => Directory([Smith, twin], []));
        Assert.Contains("jsmith@contoso.com", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_address_claimed_by_a_mailbox_and_a_list_is_refused_naming_it()
    {
        var exception = Assert.Throws<ArgumentException>(() => Directory([Smith], [List("clash", "jsmith@contoso.com")]));
        Assert.Contains("jsmith@contoso.com", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_mailboxes_of_one_name_still_may_not_share_an_address()
        => Assert.Throws<ArgumentException>(() => Directory([Jones, Mailbox("ajones", "ajones@contoso.com")], []));

    [Fact]
    public void A_mailbox_may_repeat_its_own_address()
        => Assert.IsType<LocalResolution.Mailbox>(
            Directory([Mailbox("twice", "a@contoso.com", "A@contoso.com")], []).Resolve(Address.Parse("a@contoso.com")));

    [Fact]
    public void An_invalid_mailbox_address_is_refused()
    {
        var broken = new LocalMailbox("broken", [Address.FromUserInput("not an address")]);
        var exception = Assert.Throws<ArgumentException>(() => Directory([broken], []));
        Assert.Contains("not an address", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Expanding_a_flat_list_gives_its_members_in_order()
    {
        var list = List("sales", "sales@contoso.com", "jsmith@contoso.com", "ajones@contoso.com", "partner@fabrikam.com");
        var directory = Directory([Smith, Jones], [list]);

        Assert.Equal(Addresses("jsmith@contoso.com", "ajones@contoso.com", "partner@fabrikam.com").ToArray(), directory.Expand(list).ToArray());
    }

    [Fact]
    public void Nested_lists_are_flattened_and_duplicates_dropped()
    {
        var paris = List("paris", "paris@contoso.com", "jsmith@contoso.com", "ajones@contoso.com");
        var lyon = List("lyon", "lyon@contoso.com", "ajones@contoso.com", "bbrown@contoso.com");
        var france = List("france", "france@contoso.com", "paris@contoso.com", "lyon@contoso.com", "JSMITH@contoso.com", "ceo@fabrikam.com");
        var directory = Directory([Smith, Jones, Brown], [paris, lyon, france]);

        Assert.Equal(Addresses("jsmith@contoso.com", "ajones@contoso.com", "bbrown@contoso.com", "ceo@fabrikam.com").ToArray(), directory.Expand(france).ToArray());
    }

    [Fact]
    public void A_mailbox_named_by_two_of_its_addresses_is_expanded_once()
    {
        var list = List("all", "all@contoso.com", "jsmith@contoso.com", "/O=CONTOSO/OU=PARIS/CN=RECIPIENTS/CN=JSMITH");

        Assert.Equal(Addresses("jsmith@contoso.com").ToArray(), Directory([Smith], [list]).Expand(list).ToArray());
    }

    [Fact]
    public void A_list_that_contains_itself_is_expanded_once()
    {
        var self = List("self", "self@contoso.com", "jsmith@contoso.com", "self@contoso.com");

        Assert.Equal(Addresses("jsmith@contoso.com").ToArray(), Directory([Smith], [self]).Expand(self).ToArray());
    }

    [Fact]
    public void Lists_that_contain_each_other_are_each_expanded_once()
    {
        var a = List("a", "a@contoso.com", "b@contoso.com", "jsmith@contoso.com");
        var b = List("b", "b@contoso.com", "c@contoso.com", "ajones@contoso.com");
        var c = List("c", "c@contoso.com", "a@contoso.com", "bbrown@contoso.com");
        var directory = Directory([Smith, Jones, Brown], [a, b, c]);

        Assert.Equal(Addresses("bbrown@contoso.com", "ajones@contoso.com", "jsmith@contoso.com").ToArray(), directory.Expand(a).ToArray());
        Assert.Equal(Addresses("jsmith@contoso.com", "bbrown@contoso.com", "ajones@contoso.com").ToArray(), directory.Expand(b).ToArray());
    }

    [Fact]
    public void An_empty_list_expands_to_nothing()
    {
        var empty = List("empty", "empty@contoso.com");
        Assert.Empty(Directory([], [empty]).Expand(empty));
    }

    [Fact]
    public void A_deeply_nested_chain_of_lists_is_expanded_without_recursion_limits()
    {
        const int depth = 20_000;
        var lists = Enumerable.Range(0, depth)
            .Select(i => List($"l{i}", $"l{i}@contoso.com", i + 1 < depth ? $"l{i + 1}@contoso.com" : "jsmith@contoso.com", $"m{i % 100}@fabrikam.com"))
            .ToList();
        var directory = Directory([Smith], lists);

        var members = directory.Expand(lists[0]);

        // Depth first: the innermost list's mailbox comes first, then the remote members on the way back out.
        Assert.Equal(101, members.Length);
        Assert.Equal(Address.Parse("jsmith@contoso.com"), members[0]);
        Assert.Equal(Address.Parse("m0@fabrikam.com"), members[^1]);
    }

    [Fact]
    public void Random_list_graphs_expand_to_every_reachable_non_list_member_once()
    {
        var random = new Random(1999);
        for (var round = 0; round < 50; round++)
        {
            var listCount = random.Next(1, 12);
            var lists = Enumerable.Range(0, listCount)
                .Select(i => List(
                    $"l{i}",
                    $"l{i}@contoso.com",
                    [.. Enumerable.Range(0, random.Next(0, 6)).Select(_ => random.Next(3) == 0 ? $"l{random.Next(listCount)}@contoso.com" : $"u{random.Next(8)}@fabrikam.com")]))
                .ToList();
            var directory = Directory([], lists);
            var byAddress = lists.ToDictionary(list => list.Address);

            foreach (var list in lists)
            {
                var expected = new HashSet<Address>();
                var visited = new HashSet<Address> { list.Address };
                var pending = new Queue<DistributionList>([list]);
                while (pending.TryDequeue(out var current))
                {
                    foreach (var member in current.Members)
                    {
                        if (!byAddress.TryGetValue(member, out var nested))
                        {
                            expected.Add(member);
                        }
                        else if (visited.Add(member))
                        {
                            pending.Enqueue(nested);
                        }
                    }
                }

                var members = directory.Expand(list);
                Assert.Equal(members.Length, members.Distinct().Count());
                Assert.Equal(expected.OrderBy(a => a.Value, StringComparer.Ordinal), members.OrderBy(a => a.Value, StringComparer.Ordinal));
            }
        }
    }

    private static LocalDirectory Directory(LocalMailbox[] mailboxes, IEnumerable<DistributionList> lists, params string[] localSpaces)
        => new(mailboxes, lists, localSpaces.Select(pattern => AddressSpace.Create(AddressType.Smtp, pattern, 1)));

    private static LocalMailbox Mailbox(string name, params string[] addresses) => new(name, Addresses(addresses));

    private static DistributionList List(string name, string address, params string[] members)
        => new(name, Address.Parse(address), Addresses(members));

    private static ImmutableArray<Address> Addresses(params string[] texts) => [.. texts.Select(Address.Parse)];
}
