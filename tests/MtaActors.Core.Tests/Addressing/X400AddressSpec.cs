using MtaActors.Core.Addressing;

namespace MtaActors.Core.Tests.Addressing;

public sealed class X400AddressSpec
{
    [Theory]
    [InlineData("c=US;a= ;p=Contoso;o=Paris;s=Smith;g=John", "c=US;a= ;p=CONTOSO;o=PARIS;s=SMITH;g=JOHN")]
    [InlineData("g=John;s=Smith;o=Paris;p=Contoso;a= ;c=US", "c=US;a= ;p=CONTOSO;o=PARIS;s=SMITH;g=JOHN")]
    [InlineData("C=us; A=  ; P= Contoso ; O=Paris ; S=Smith ; G=John ;", "c=US;a= ;p=CONTOSO;o=PARIS;s=SMITH;g=JOHN")]
    [InlineData("c=US;a=;s=Smith", "c=US;a= ;s=SMITH")]
    [InlineData("c=FR;a=ATLAS;o=Contoso;ou=Paris;ou=Sales;s=Dupont", "c=FR;a=ATLAS;o=CONTOSO;ou1=PARIS;ou2=SALES;s=DUPONT")]
    [InlineData("c=FR;ou2=Sales;ou1=Paris;s=Dupont", "c=FR;ou1=PARIS;ou2=SALES;s=DUPONT")]
    [InlineData("c=US;ou=A;ou=B;ou=C;ou=D;s=X", "c=US;ou1=A;ou2=B;ou3=C;ou4=D;s=X")]
    [InlineData("c=US;cn=Mail Admin", "c=US;cn=MAIL ADMIN")]
    [InlineData("cn=Admin;q=Jr;i=JQ;g=John;s=Smith;c=US", "c=US;s=SMITH;g=JOHN;i=JQ;q=JR;cn=ADMIN")]
    [InlineData("c=US;p=Contoso;DDA:RFC-822=jsmith@contoso.com", "c=US;p=CONTOSO;dda:rfc-822=JSMITH@CONTOSO.COM")]
    [InlineData("c=US;dda:zz=2;dda:aa=1", "c=US;dda:aa=1;dda:zz=2")]
    [InlineData("c=250;s=Martin", "c=250;s=MARTIN")]
    [InlineData("c=US;s=Smith=Jones", "c=US;s=SMITH=JONES")]
    public void Attributes_are_written_in_canonical_order_and_case(string text, string canonical)
    {
        Assert.True(Address.TryParse(text, out var address, out var error), error);
        Assert.Equal(AddressType.X400, address.Type);
        Assert.Equal(canonical, address.Value);
    }

    [Fact]
    public void Spellings_that_differ_in_case_order_and_blanks_are_the_same_address()
    {
        var one = Address.Parse("c=US;a= ;p=Contoso;o=Paris;s=Smith;g=John");
        var other = Address.Parse("G=JOHN; S=smith; O=paris; P=CONTOSO; A=; C=us;");

        Assert.Equal(one, other);
        Assert.Equal(one.GetHashCode(), other.GetHashCode());
        Assert.NotEqual(one, Address.Parse("c=US;a= ;p=Contoso;o=Paris;s=Smith;g=Jane"));
    }

    [Fact]
    public void Every_order_of_the_attributes_gives_the_same_canonical_text()
    {
        string[] parts = ["c=US", "a= ", "p=Contoso", "o=Paris", "ou1=Sales", "s=Smith", "g=John", "cn=John Smith", "dda:TYPE=value"];
        var expected = Address.Parse(string.Join(';', parts)).Value;
        var random = new Random(400);
        for (var i = 0; i < 200; i++)
        {
            var shuffled = parts.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(expected, Address.Parse(string.Join(';', shuffled)).Value);
        }
    }

    [Theory]
    [InlineData("c=US;zz=1;s=Smith", "X.400 attribute 'zz' is unknown")]
    [InlineData("c=US;S=Smith;s=Jones", "X.400 attribute 's' is given twice")]
    [InlineData("c=US;ou1=A;ou=B;ou1=C;s=X", "X.400 attribute 'ou1' is given twice")]
    [InlineData("c=US;dda:x=1;DDA:X=2", "X.400 attribute 'dda:x' is given twice")]
    [InlineData("c=US;ou=A;ou=B;ou=C;ou=D;ou=E;s=X", "X.400 address has more than four organisational units")]
    [InlineData("a= ;p=Contoso;s=Smith", "X.400 address has no country (c=)")]
    [InlineData("c=US;p=Contoso;o=Paris", "X.400 address needs a surname (s=), common name (cn=) or domain-defined attribute (dda:TYPE=)")]
    [InlineData("c=US;g=John;cn=John", "X.400 attribute 'g' needs a surname (s=)")]
    [InlineData("c=US;i=J;cn=John", "X.400 attribute 'i' needs a surname (s=)")]
    [InlineData("c=US;ou2=Sales;s=Smith", "X.400 attribute 'ou2' is given without 'ou1'")]
    [InlineData("c=USA;s=Smith", "X.400 country 'USA' is not two letters or three digits")]
    [InlineData("c=1;s=Smith", "X.400 country '1' is not two letters or three digits")]
    [InlineData("c=US;s=", "X.400 attribute 's' is empty")]
    [InlineData("c=US;p=  ;s=Smith", "X.400 attribute 'p' is empty")]
    [InlineData("c=US;Smith", "X.400 part 'Smith' is not key=value")]
    [InlineData("c=US;=Smith", "X.400 part '=Smith' has no key")]
    [InlineData("c=US;;s=Smith", "X.400 address has an empty part between ';'")]
    [InlineData("c=US;dda:=1", "X.400 attribute 'dda:' has no type")]
    [InlineData("c=US;dda:toolongtype=1", "X.400 attribute 'dda:toolongtype' has a type longer than 8 characters")]
    [InlineData("c=US;s=Sm\u0007ith", "X.400 attribute 's' contains a control character")]
    [InlineData("c=", "X.400 attribute 'c' is empty")]
    public void Invalid_addresses_are_rejected_naming_the_attribute(string text, string expected)
    {
        Assert.False(Address.TryParse(text, out var address, out var error));
        Assert.Null(address);
        Assert.Equal(expected, error);
    }

    [Theory]
    [InlineData("a", 16)]
    [InlineData("p", 16)]
    [InlineData("o", 64)]
    [InlineData("ou1", 32)]
    [InlineData("s", 40)]
    [InlineData("g", 16)]
    [InlineData("i", 5)]
    [InlineData("q", 3)]
    [InlineData("cn", 64)]
    [InlineData("dda:x", 128)]
    public void Values_may_reach_the_X400_upper_bound_but_not_pass_it(string key, int bound)
    {
        var prefix = key == "s" ? "c=US;" : "c=US;s=Smith;";
        Assert.True(Address.TryParse($"{prefix}{key}={new string('v', bound)}", out _, out var error), error);

        Assert.False(Address.TryParse($"{prefix}{key}={new string('v', bound + 1)}", out _, out error));
        Assert.Equal($"X.400 attribute '{key}' is longer than {bound} characters", error);
    }

    [Fact]
    public void Parsed_attributes_are_kept_for_matching()
    {
        var address = Address.Parse("c=us;p=Contoso;o=Paris;ou=Sales;s=Smith;dda:RFC-822=j@c.com");

        var attributes = Assert.IsType<X400Attributes>(address.X400);
        Assert.Equal("US", attributes.Country);
        Assert.Equal("PARIS", attributes.Organisation);
        Assert.Equal("SALES", attributes[X400Attribute.OrganisationalUnit1]);
        Assert.Null(attributes[X400Attribute.GivenName]);
        Assert.Equal("J@C.COM", attributes.DomainDefinedValue("rfc-822"));
        Assert.Null(Address.Parse("a@b.c").X400);
    }
}
