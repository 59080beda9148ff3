using MtaActors.Core.Addressing;

namespace MtaActors.Core.Tests.Addressing;

public sealed class SmtpAddressSpaceSpec
{
    [Theory]
    [InlineData("*", "*")]
    [InlineData("*@*", "*")]
    [InlineData("contoso.com", "*@contoso.com")]
    [InlineData("*@Contoso.COM", "*@contoso.com")]
    [InlineData("*.contoso.com", "*@*.contoso.com")]
    [InlineData("*@*.Contoso.com", "*@*.contoso.com")]
    [InlineData("JSmith@Contoso.com", "jsmith@contoso.com")]
    public void Patterns_are_kept_in_canonical_form(string pattern, string canonical)
        => Assert.Equal(canonical, Space(pattern).Pattern);

    [Theory]
    [InlineData("*@foo-.com", "pattern: SMTP domain label 'foo-' starts or ends with a hyphen")]
    [InlineData("j*@contoso.com", "pattern: SMTP pattern allows '*' only as the whole local part, as '*.' before a domain, or alone")]
    [InlineData("*@con*.com", "pattern: SMTP pattern allows '*' only as the whole local part, as '*.' before a domain, or alone")]
    [InlineData("*@*.*.com", "pattern: SMTP pattern allows '*' only as the whole local part, as '*.' before a domain, or alone")]
    [InlineData("jsmith@*.contoso.com", "pattern: SMTP pattern with a user needs an exact domain (user@domain)")]
    [InlineData("a@b@contoso.com", "pattern: SMTP pattern has more than one @")]
    [InlineData("john smith@contoso.com", "pattern: SMTP local part contains a space")]
    [InlineData("*@", "pattern: SMTP domain is empty")]
    public void Invalid_patterns_are_rejected_with_the_reason(string pattern, string expected)
    {
        Assert.False(AddressSpace.TryCreate(AddressType.Smtp, pattern, 1, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("*", "a@contoso.com", true)]
    [InlineData("*@contoso.com", "a@contoso.com", true)]
    [InlineData("*@contoso.com", "A@CONTOSO.COM", true)]
    [InlineData("*@contoso.com", "a@sales.contoso.com", false)]
    [InlineData("*@contoso.com", "a@contoso.com.au", false)]
    [InlineData("contoso.com", "a@contoso.com", true)]
    [InlineData("*@*.contoso.com", "a@sales.contoso.com", true)]
    [InlineData("*@*.contoso.com", "a@eu.sales.contoso.com", true)]
    [InlineData("*@*.contoso.com", "a@contoso.com", false)]
    [InlineData("*@*.contoso.com", "a@xcontoso.com", false)]
    [InlineData("*@*.contoso.com", "a@sales-contoso.com", false)]
    [InlineData("jsmith@contoso.com", "jsmith@contoso.com", true)]
    [InlineData("jsmith@contoso.com", "<JSmith@Contoso.com>", true)]
    [InlineData("jsmith@contoso.com", "jsmith2@contoso.com", false)]
    [InlineData("jsmith@contoso.com", "jsmith@sales.contoso.com", false)]
    public void Patterns_match_the_addresses_they_claim(string pattern, string address, bool expected)
        => Assert.Equal(expected, Space(pattern).Matches(Address.Parse(address)));

    [Fact]
    public void Specificity_ranks_address_over_domain_over_nearer_parent_over_farther_parent_over_everything()
    {
        string[] ranked = ["jsmith@eu.sales.contoso.com", "*@eu.sales.contoso.com", "*@*.sales.contoso.com", "*@*.contoso.com", "*@*.com", "*"];
        var address = Address.Parse("jsmith@eu.sales.contoso.com");
        var spaces = ranked.Select(Space).ToList();

        Assert.All(spaces, space => Assert.True(space.Matches(address), space.Pattern));
        for (var i = 1; i < spaces.Count; i++)
        {
            Assert.True(spaces[i - 1].Specificity > spaces[i].Specificity, $"{spaces[i - 1].Pattern} should beat {spaces[i].Pattern}");
        }

        Assert.Equal(0, Space("*").Specificity);
    }

    [Fact]
    public void More_domain_labels_are_more_specific_within_each_kind()
    {
        Assert.True(Space("*@sales.contoso.com").Specificity > Space("*@contoso.com").Specificity);
        Assert.True(Space("*@*.sales.contoso.com").Specificity > Space("*@*.contoso.com").Specificity);
        Assert.True(Space("a@sales.contoso.com").Specificity > Space("a@contoso.com").Specificity);
    }

    [Fact]
    public void Generated_domains_are_matched_by_their_own_domain_and_every_parent_and_nothing_else()
    {
        var random = new Random(821);
        for (var i = 0; i < 300; i++)
        {
            var labels = Enumerable.Range(0, random.Next(1, 6)).Select(_ => "l" + random.Next(0, 4)).ToArray();
            var domain = string.Join('.', labels);
            var address = Address.Parse($"user{random.Next(3)}@{domain}");

            Assert.True(Space("*@" + domain).Matches(address));
            Assert.False(Space("*@*." + domain).Matches(address));
            Assert.False(Space("*@x." + domain).Matches(address));
            for (var cut = 1; cut < labels.Length; cut++)
            {
                var parent = string.Join('.', labels[cut..]);
                Assert.True(Space("*@*." + parent).Matches(address), $"*@*.{parent} vs {address}");
                Assert.False(Space("*@" + parent).Matches(address), $"*@{parent} vs {address}");
            }
        }
    }

    private static AddressSpace Space(string pattern) => AddressSpace.Create(AddressType.Smtp, pattern, 1);
}
