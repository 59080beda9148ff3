using MtaActors.Core.Addressing;

namespace MtaActors.Core.Tests.Addressing;

public sealed class X400AddressSpaceSpec
{
    private const string Smith = "c=FR;a=ATLAS;p=Contoso;o=Paris;ou=Sales;s=Smith;g=John";

    [Theory]
    [InlineData("c=fr;p=Contoso;o=Paris", "c=FR;p=CONTOSO;o=PARIS")]
    [InlineData("o=Paris;c=FR;", "c=FR;o=PARIS")]
    [InlineData("c=FR;a= ;p=Contoso", "c=FR;a= ;p=CONTOSO")]
    [InlineData("c=FR;o=*;p=Con*", "c=FR;p=CON*")]
    [InlineData("*", "*")]
    [InlineData("c=*", "*")]
    public void Patterns_are_kept_in_canonical_form(string pattern, string canonical)
        => Assert.Equal(canonical, Space(pattern).Pattern);

    [Theory]
    [InlineData("c=FR;zz=1", "pattern: X.400 attribute 'zz' is unknown")]
    [InlineData("c=FR;o=A;O=B", "pattern: X.400 attribute 'o' is given twice")]
    [InlineData("c=FR;o=P*ris", "pattern: X.400 attribute 'o' has '*' before the end of its value")]
    [InlineData("c=FRA", "pattern: X.400 country 'FRA' is not two letters or three digits")]
    [InlineData("Paris", "pattern: X.400 part 'Paris' is not key=value")]
    public void Invalid_patterns_are_rejected_naming_the_attribute(string pattern, string expected)
    {
        Assert.False(AddressSpace.TryCreate(AddressType.X400, pattern, 1, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_pattern_needs_no_country_or_surname()
        => Assert.True(Space("p=Contoso").Matches(Address.Parse(Smith)));

    [Theory]
    [InlineData("*", true)]
    [InlineData("c=FR", true)]
    [InlineData("c=fr;p=contoso", true)]
    [InlineData("c=FR;a=ATLAS;p=Contoso;o=Paris", true)]
    [InlineData("c=FR;a= ;p=Contoso;o=Paris", true)]
    [InlineData("c=FR;a=OTHER;p=Contoso", false)]
    [InlineData("c=US;p=Contoso", false)]
    [InlineData("c=FR;p=Contoso;o=Lyon", false)]
    [InlineData("c=FR;o=Par*", true)]
    [InlineData("c=FR;o=Pa *", true)]
    [InlineData("c=FR;o=Lyo*", false)]
    [InlineData("c=FR;ou1=Sales", true)]
    [InlineData("c=FR;ou2=Sales", false)]
    [InlineData("c=FR;ou=*;ou=East", false)]
    [InlineData("c=FR;s=Smith;g=J*", true)]
    [InlineData("c=FR;cn=Smith", false)]
    [InlineData("c=FR;dda:rfc-822=*", true)]
    public void Omitted_and_star_attributes_match_anything_and_pinned_ones_must_agree(string pattern, bool expected)
        => Assert.Equal(expected, Space(pattern).Matches(Address.Parse(Smith)));

    [Fact]
    public void Domain_defined_attributes_match_by_type_and_value()
    {
        var address = Address.Parse("c=US;p=Contoso;dda:RFC-822=jsmith@contoso.com");

        Assert.True(Space("c=US;DDA:rfc-822=JSMITH@*").Matches(address));
        Assert.True(Space("dda:rfc-822=jsmith@contoso.com").Matches(address));
        Assert.False(Space("dda:rfc-822=other@contoso.com").Matches(address));
        Assert.False(Space("dda:x400=jsmith@contoso.com").Matches(address));
    }

    [Fact]
    public void Specificity_counts_pinned_attributes_and_an_exact_value_pins_more_than_a_prefix()
    {
        Assert.Equal(0, Space("*").Specificity);
        Assert.Equal(0, Space("c=*;a= ").Specificity);
        Assert.Equal(2, Space("c=FR").Specificity);
        Assert.Equal(6, Space("c=FR;p=Contoso;o=Paris").Specificity);
        Assert.Equal(5, Space("c=FR;p=Contoso;o=Par*").Specificity);
        Assert.Equal(4, Space("c=FR;dda:x=1").Specificity);
        Assert.True(Space("c=FR;p=Contoso;o=Par*").Specificity > Space("c=FR;p=Contoso").Specificity);
    }

    [Fact]
    public void Every_subset_of_an_address_attributes_is_a_pattern_that_matches_it()
    {
        string[] parts = ["c=FR", "a=ATLAS", "p=Contoso", "o=Paris", "ou1=Sales", "s=Smith", "g=John"];
        var address = Address.Parse(Smith);
        for (var mask = 1; mask < 1 << parts.Length; mask++)
        {
            var chosen = parts.Where((_, i) => (mask & (1 << i)) != 0).ToArray();
            var space = Space(string.Join(';', chosen));

            Assert.True(space.Matches(address), space.Pattern);
            Assert.Equal(2 * chosen.Length, space.Specificity);
            Assert.False(Space(string.Join(';', chosen.Select(p => p == "c=FR" ? "c=DE" : p + "X"))).Matches(address));
        }
    }

    private static AddressSpace Space(string pattern) => AddressSpace.Create(AddressType.X400, pattern, 1);
}
