using MtaActors.Core.Addressing;

namespace MtaActors.Core.Tests.Addressing;

public sealed class ExchangeDnAddressSpaceSpec
{
    [Theory]
    [InlineData("/O=CONTOSO/OU=PARIS", "/O=CONTOSO/OU=PARIS/*")]
    [InlineData("/o=contoso/ou=paris/*", "/O=CONTOSO/OU=PARIS/*")]
    [InlineData("/o=contoso/ou=paris/", "/O=CONTOSO/OU=PARIS/*")]
    [InlineData("*", "*")]
    [InlineData("/*", "*")]
    public void Patterns_are_kept_in_canonical_form(string pattern, string canonical)
        => Assert.Equal(canonical, Space(pattern).Pattern);

    [Theory]
    [InlineData("/OU=PARIS", "pattern: Exchange DN must start with /O=")]
    [InlineData("/O=CONTOSO/OU=PAR*", "pattern: Exchange DN pattern allows '*' only as a last component")]
    [InlineData("/O=CONTOSO/*/CN=X", "pattern: Exchange DN pattern allows '*' only as a last component")]
    [InlineData("O=CONTOSO", "pattern: Exchange DN must start with /O=")]
    [InlineData("/O=CONTOSO//*", "pattern: Exchange DN has an empty component")]
    [InlineData("/O=CONTOSO//", "pattern: Exchange DN has an empty component")]
    [InlineData("/O=CONTOSO//OU=PARIS/*", "pattern: Exchange DN has an empty component")]
    [InlineData("/O=CONTOSO/ /*", "pattern: Exchange DN has an empty component")]
    public void Invalid_patterns_are_rejected_with_the_reason(string pattern, string expected)
    {
        Assert.False(AddressSpace.TryCreate(AddressType.ExchangeDn, pattern, 1, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("/O=CONTOSO/OU=PARIS", "/O=CONTOSO/OU=PARIS", true)]
    [InlineData("/O=CONTOSO/OU=PARIS", "/O=CONTOSO/OU=PARIS/CN=RECIPIENTS/CN=JSMITH", true)]
    [InlineData("/O=CONTOSO/OU=PARIS/*", "/o=contoso/ou=paris/cn=recipients/cn=jsmith", true)]
    [InlineData("/O=CONTOSO/OU=PARIS", "/O=CONTOSO/OU=PARISIAN/CN=JSMITH", false)]
    [InlineData("/O=CONTOSO/OU=PAR", "/O=CONTOSO/OU=PARIS", false)]
    [InlineData("/O=CONTOSO/OU=PARIS", "/O=CONTOSO", false)]
    [InlineData("/O=CONTOSO/OU=PARIS", "/O=FABRIKAM/OU=PARIS", false)]
    [InlineData("*", "/O=FABRIKAM/OU=PARIS", true)]
    public void Patterns_match_their_subtree_component_by_component(string pattern, string address, bool expected)
        => Assert.Equal(expected, Space(pattern).Matches(Address.Parse(address)));

    [Fact]
    public void Specificity_is_the_number_of_components()
    {
        Assert.Equal(0, Space("*").Specificity);
        Assert.Equal(1, Space("/O=CONTOSO").Specificity);
        Assert.Equal(2, Space("/O=CONTOSO/OU=PARIS/*").Specificity);
        Assert.Equal(4, Space("/O=CONTOSO/OU=PARIS/CN=RECIPIENTS/CN=JSMITH").Specificity);
    }

    private static AddressSpace Space(string pattern) => AddressSpace.Create(AddressType.ExchangeDn, pattern, 1);
}
