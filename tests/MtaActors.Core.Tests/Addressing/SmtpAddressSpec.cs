using MtaActors.Core.Addressing;

namespace MtaActors.Core.Tests.Addressing;

public sealed class SmtpAddressSpec
{
    [Theory]
    [InlineData("jsmith@contoso.com", "jsmith@contoso.com")]
    [InlineData("JSmith@Contoso.COM", "jsmith@contoso.com")]
    [InlineData("<JSmith@Contoso.COM>", "jsmith@contoso.com")]
    [InlineData("  < jsmith@contoso.com >  ", "jsmith@contoso.com")]
    [InlineData("first.last+tag@mail-1.example.co.uk", "first.last+tag@mail-1.example.co.uk")]
    [InlineData("postmaster@localhost", "postmaster@localhost")]
    [InlineData("o'brien@contoso.com", "o'brien@contoso.com")]
    [InlineData("SRS0=abc=xy=contoso.com=jsmith@fabrikam.com", "srs0=abc=xy=contoso.com=jsmith@fabrikam.com")]
    [InlineData("a=b@contoso.com", "a=b@contoso.com")]
    public void Valid_spellings_parse_to_the_lower_case_canonical_form(string text, string canonical)
    {
        Assert.True(Address.TryParse(text, out var address, out var error), error);
        Assert.Equal(AddressType.Smtp, address.Type);
        Assert.Equal(canonical, address.Value);
        Assert.Null(address.Error);
        Assert.True(address.IsValid);
    }

    [Fact]
    public void Angle_brackets_and_case_do_not_make_a_different_address()
    {
        var plain = Address.Parse("jsmith@contoso.com");
        var fancy = Address.Parse("<JSmith@Contoso.COM>");

        Assert.Equal(plain, fancy);
        Assert.Equal(plain.GetHashCode(), fancy.GetHashCode());
        Assert.NotEqual(plain, Address.Parse("jsmith@contoso.org"));
    }

    [Theory]
    [InlineData("jsmith@@contoso.com", "SMTP address has more than one @")]
    [InlineData("a@b@contoso.com", "SMTP address has more than one @")]
    [InlineData("@contoso.com", "SMTP local part is empty")]
    [InlineData("<@contoso.com>", "SMTP local part is empty")]
    [InlineData("john smith@contoso.com", "SMTP local part contains a space")]
    [InlineData("john\tsmith@contoso.com", "SMTP local part contains a space")]
    [InlineData("john\u0001@contoso.com", "SMTP local part contains a control character")]
    [InlineData("john(x)@contoso.com", "SMTP local part contains '('")]
    [InlineData("john,doe@contoso.com", "SMTP local part contains ','")]
    [InlineData(".john@contoso.com", "SMTP local part must not start or end with '.' or contain '..'")]
    [InlineData("john.@contoso.com", "SMTP local part must not start or end with '.' or contain '..'")]
    [InlineData("john..smith@contoso.com", "SMTP local part must not start or end with '.' or contain '..'")]
    [InlineData("jsmith@", "SMTP domain is empty")]
    [InlineData("jsmith@contoso..com", "SMTP domain has an empty label")]
    [InlineData("jsmith@.contoso.com", "SMTP domain has an empty label")]
    [InlineData("jsmith@contoso.com.", "SMTP domain has an empty label")]
    [InlineData("jsmith@-contoso.com", "SMTP domain label '-contoso' starts or ends with a hyphen")]
    [InlineData("jsmith@contoso-.com", "SMTP domain label 'contoso-' starts or ends with a hyphen")]
    [InlineData("jsmith@con_toso.com", "SMTP domain contains '_'")]
    [InlineData("jsmith@contoso com", "SMTP domain contains a space")]
    [InlineData("jsmith@[10.0.0.1]", "SMTP domain contains '['")]
    [InlineData("jsmith@contoso.com>", "SMTP address has an unmatched angle bracket")]
    [InlineData("<jsmith@contoso.com", "SMTP address has an unmatched angle bracket")]
    [InlineData("<jsmith@contoso.com>>", "SMTP domain contains '>'")]
    public void Invalid_addresses_are_rejected_with_the_reason(string text, string expected)
    {
        Assert.False(Address.TryParse(text, out var address, out var error));
        Assert.Null(address);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void Local_part_may_be_64_characters_but_not_65()
    {
        Assert.True(Address.TryParse(new string('a', 64) + "@contoso.com", out _, out _));
        Assert.False(Address.TryParse(new string('a', 65) + "@contoso.com", out _, out var error));
        Assert.Equal("SMTP local part is longer than 64 characters", error);
    }

    [Fact]
    public void Domain_label_may_be_63_characters_but_not_64()
    {
        Assert.True(Address.TryParse("a@" + new string('b', 63) + ".com", out _, out _));
        Assert.False(Address.TryParse("a@" + new string('b', 64) + ".com", out _, out var error));
        Assert.Equal($"SMTP domain label '{new string('b', 64)}' is longer than 63 characters", error);
    }

    [Fact]
    public void Domain_may_be_255_characters_but_not_256()
    {
        // 63 + 1 + 63 + 1 + 63 + 1 + 63 = 255
        var longest = string.Join('.', Enumerable.Repeat(new string('d', 63), 4));
        Assert.Equal(255, longest.Length);
        Assert.True(Address.TryParse("a@" + longest, out _, out var error), error);

        Assert.False(Address.TryParse("a@x" + longest, out _, out error));
        Assert.Equal("SMTP domain is longer than 255 characters", error);
    }

    [Fact]
    public void Canonical_form_parses_back_to_itself_for_generated_addresses()
    {
        var random = new Random(5321);
        const string localChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.+-_=!#$%&'*/?^`{|}~";
        const string labelChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-";
        for (var i = 0; i < 500; i++)
        {
            // A leading letter: text starting with '/' reads as an Exchange DN, whatever follows.
            var local = "x" + RandomText(random, localChars, 0, 20).TrimEnd('.');
            while (local.Contains("..", StringComparison.Ordinal))
            {
                local = local.Replace("..", ".", StringComparison.Ordinal);
            }

            var labels = Enumerable.Range(0, random.Next(1, 5))
                .Select(_ => "a" + RandomText(random, labelChars, 0, 10) + "z");
            var text = $"{local}@{string.Join('.', labels)}";

            Assert.True(Address.TryParse(text, out var address, out var error), $"{text}: {error}");
            Assert.Equal(text.ToLowerInvariant(), address.Value);
            Assert.Equal(address, Address.Parse(address.Value));
            Assert.Equal(address, Address.Parse($"<{text.ToUpperInvariant()}>"));
        }
    }

    private static string RandomText(Random random, string alphabet, int min, int max)
        => new([.. Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
}
