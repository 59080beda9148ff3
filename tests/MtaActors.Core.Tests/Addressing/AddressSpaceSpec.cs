using MtaActors.Core.Addressing;

namespace MtaActors.Core.Tests.Addressing;

public sealed class AddressSpaceSpec
{
    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    [InlineData(int.MinValue)]
    public void Cost_outside_1_to_100_is_rejected(int cost)
    {
        Assert.False(AddressSpace.TryCreate(AddressType.Smtp, "*", cost, out var space, out var error));
        Assert.Null(space);
        Assert.Equal($"cost: must be between 1 and 100 (got {cost})", error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(100)]
    public void Cost_at_the_bounds_is_accepted(int cost)
    {
        Assert.True(AddressSpace.TryCreate(AddressType.Smtp, "*", cost, out var space, out var error), error);
        Assert.Equal(cost, space.Cost);
    }

    [Fact]
    public void Invalid_is_not_a_routable_type()
    {
        Assert.False(AddressSpace.TryCreate(AddressType.Invalid, "*", 1, out _, out var error));
        Assert.Equal("type: Invalid is not an address type that can be routed", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Empty_pattern_is_rejected(string pattern)
    {
        Assert.False(AddressSpace.TryCreate(AddressType.Smtp, pattern, 1, out _, out var error));
        Assert.Equal("pattern: is empty", error);
    }

    [Fact]
    public void Create_throws_with_the_reason()
    {
        var exception = Assert.Throws<ArgumentException>(() => AddressSpace.Create(AddressType.Smtp, "*@foo-.com", 1));
        Assert.StartsWith("pattern: SMTP domain label 'foo-' starts or ends with a hyphen", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_space_never_matches_an_address_of_another_type_or_an_invalid_one()
    {
        var everySmtp = AddressSpace.Create(AddressType.Smtp, "*", 1);
        var everyX400 = AddressSpace.Create(AddressType.X400, "*", 1);
        var everyDn = AddressSpace.Create(AddressType.ExchangeDn, "*", 1);
        var smtp = Address.Parse("jsmith@contoso.com");
        var x400 = Address.Parse("c=US;s=Smith");
        var dn = Address.Parse("/O=CONTOSO/CN=JSMITH");
        var invalid = Address.FromUserInput("jsmith@contoso..com");

        Assert.True(everySmtp.Matches(smtp));
        Assert.False(everySmtp.Matches(x400));
        Assert.False(everySmtp.Matches(dn));
        Assert.False(everySmtp.Matches(invalid));
        Assert.True(everyX400.Matches(x400));
        Assert.False(everyX400.Matches(smtp));
        Assert.False(everyX400.Matches(dn));
        Assert.True(everyDn.Matches(dn));
        Assert.False(everyDn.Matches(smtp));
        Assert.False(everyDn.Matches(invalid));
    }

    [Fact]
    public void Spaces_that_spell_one_pattern_differently_are_equal()
    {
        Assert.Equal(AddressSpace.Create(AddressType.Smtp, "contoso.com", 5), AddressSpace.Create(AddressType.Smtp, "*@Contoso.COM", 5));
        Assert.NotEqual(AddressSpace.Create(AddressType.Smtp, "contoso.com", 5), AddressSpace.Create(AddressType.Smtp, "contoso.com", 6));
        Assert.Equal(
            AddressSpace.Create(AddressType.X400, "o=paris;c=fr", 1).GetHashCode(),
            AddressSpace.Create(AddressType.X400, "C=FR;O=Paris", 1).GetHashCode());
        Assert.Equal("Smtp:*@contoso.com (cost 5)", AddressSpace.Create(AddressType.Smtp, "contoso.com", 5).ToString());
    }
}
