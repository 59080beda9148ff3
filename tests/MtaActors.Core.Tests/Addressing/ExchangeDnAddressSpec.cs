using MtaActors.Core.Addressing;

namespace MtaActors.Core.Tests.Addressing;

public sealed class ExchangeDnAddressSpec
{
    [Theory]
    [InlineData("/O=CONTOSO/OU=PARIS/CN=RECIPIENTS/CN=JSMITH", "/O=CONTOSO/OU=PARIS/CN=RECIPIENTS/CN=JSMITH")]
    [InlineData("/o=Contoso/ou=Paris/cn=Recipients/cn=jsmith", "/O=CONTOSO/OU=PARIS/CN=RECIPIENTS/CN=JSMITH")]
    [InlineData("/O=CONTOSO/OU=PARIS/CN=RECIPIENTS/CN=JSMITH/", "/O=CONTOSO/OU=PARIS/CN=RECIPIENTS/CN=JSMITH")]
    [InlineData("  /O = Contoso Ltd / OU = Paris  ", "/O=CONTOSO LTD/OU=PARIS")]
    [InlineData("/O=CONTOSO", "/O=CONTOSO")]
    [InlineData("/o=Contoso/cn=Configuration/cn=Servers/cn=SRV1", "/O=CONTOSO/CN=CONFIGURATION/CN=SERVERS/CN=SRV1")]
    public void Names_parse_to_the_upper_case_canonical_form(string text, string canonical)
    {
        Assert.True(Address.TryParse(text, out var address, out var error), error);
        Assert.Equal(AddressType.ExchangeDn, address.Type);
        Assert.Equal(canonical, address.Value);
    }

    [Fact]
    public void Case_and_a_trailing_slash_do_not_make_a_different_name()
    {
        Assert.Equal(
            Address.Parse("/O=CONTOSO/OU=PARIS/CN=RECIPIENTS/CN=JSMITH"),
            Address.Parse("/o=contoso/ou=paris/cn=recipients/cn=JSmith/"));
    }

    [Theory]
    [InlineData("/OU=PARIS/CN=JSMITH", "Exchange DN must start with /O=")]
    [InlineData("/CN=JSMITH", "Exchange DN must start with /O=")]
    [InlineData("/", "Exchange DN has an empty component")]
    [InlineData("/O=CONTOSO//CN=JSMITH", "Exchange DN has an empty component")]
    [InlineData("/O=CONTOSO/DC=PARIS", "Exchange DN key 'DC' is unknown (expected O, OU or CN)")]
    [InlineData("/O=CONTOSO/OU=", "Exchange DN component OU= has an empty value")]
    [InlineData("/O= /OU=PARIS", "Exchange DN component O= has an empty value")]
    [InlineData("/O=CONTOSO/PARIS", "Exchange DN component 'PARIS' is not KEY=VALUE")]
    [InlineData("/O=CONTOSO/OU=PARIS/O=OTHER", "Exchange DN has O= after its first component")]
    [InlineData("/O=CON\u0000TOSO", "Exchange DN contains a control character")]
    public void Invalid_names_are_rejected_with_the_reason(string text, string expected)
    {
        Assert.False(Address.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }
}
