using MtaActors.Core.Addressing;

namespace MtaActors.Core.Tests.Addressing;

public sealed class AddressFamilySpec
{
    [Theory]
    [InlineData("jsmith@contoso.com", AddressType.Smtp)]
    [InlineData("a=b@contoso.com", AddressType.Smtp)]
    [InlineData("c=US;a= ;p=Contoso;s=Smith", AddressType.X400)]
    [InlineData("c=US;a= ;dda:RFC-822=jsmith@contoso.com", AddressType.X400)]
    [InlineData("/O=CONTOSO/OU=PARIS", AddressType.ExchangeDn)]
    public void The_family_is_told_by_the_shape_of_the_text(string text, AddressType expected)
        => Assert.Equal(expected, Address.Parse(text).Type);

    [Theory]
    [InlineData("s=Smith")]
    [InlineData("C=US")]
    [InlineData("ou=Sales")]
    [InlineData("dda:x=1")]
    [InlineData("foo=bar;baz")]
    public void Text_that_looks_like_X400_is_judged_as_X400(string text)
    {
        Assert.False(Address.TryParse(text, out _, out var error));
        Assert.StartsWith("X.400 ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jsmith")]
    [InlineData("foo=bar")]
    [InlineData("contoso.com")]
    [InlineData("CONTOSO\\jsmith")]
    public void Text_of_no_family_is_rejected_as_such(string text)
    {
        Assert.False(Address.TryParse(text, out _, out var error));
        Assert.Equal("not an SMTP, X.400 or Exchange DN address", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Empty_text_is_rejected_as_empty(string? text)
    {
        Assert.False(Address.TryParse(text, out _, out var error));
        Assert.Equal("address is empty", error);
    }

    [Fact]
    public void Parse_throws_a_format_exception_naming_the_problem()
    {
        var exception = Assert.Throws<FormatException>(() => Address.Parse("jsmith@contoso..com"));
        Assert.Equal("SMTP domain has an empty label", exception.Message);
    }

    [Fact]
    public void User_input_that_is_no_address_is_kept_as_an_invalid_address_with_its_reason()
    {
        var address = Address.FromUserInput(" john smith@contoso.com");

        Assert.Equal(AddressType.Invalid, address.Type);
        Assert.False(address.IsValid);
        Assert.Equal(" john smith@contoso.com", address.Value);
        Assert.Equal("SMTP local part contains a space", address.Error);
        Assert.Equal(address, Address.FromUserInput(" john smith@contoso.com"));
        Assert.Equal("", Address.FromUserInput(null).Value);
    }

    [Fact]
    public void Valid_user_input_is_the_parsed_address()
        => Assert.Equal(Address.Parse("jsmith@contoso.com"), Address.FromUserInput("<JSMITH@contoso.com>"));

    [Fact]
    public void Addresses_of_different_families_are_never_equal()
    {
        var invalid = Address.FromUserInput("jsmith");
        Assert.NotEqual(Address.Parse("jsmith@contoso.com"), invalid);
        Assert.Equal("jsmith@contoso.com", Address.Parse("<jsmith@contoso.com>").ToString());
    }
}
