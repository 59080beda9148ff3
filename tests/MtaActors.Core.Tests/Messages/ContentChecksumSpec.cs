using MtaActors.Core.Messages;

namespace MtaActors.Core.Tests.Messages;

public sealed class ContentChecksumSpec
{
    [Fact]
    public void Is_crc32c_over_id_subject_and_body_as_utf16le_with_line_feeds_between()
    {
        // Reference value from a bitwise CRC-32C (polynomial 0x82F63B78) over "m-1\nHello\nBody text of thirteen+"
        // encoded UTF-16LE; the same reference gives 0xE3069283 for the standard check input "123456789".
        Assert.Equal(0xFDA5C10Du, ContentChecksum.Compute("m-1", "Hello", "Body text of thirteen+"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(1023)]
    public void Any_changed_character_changes_it(int position)
    {
        var body = new string('x', 1024);
        var damaged = string.Concat(body.AsSpan(0, position), "y", body.AsSpan(position + 1));

        Assert.NotEqual(ContentChecksum.Compute("m-1", "s", body), ContentChecksum.Compute("m-1", "s", damaged));
    }

    [Fact]
    public void A_field_boundary_moved_changes_it()
        => Assert.NotEqual(ContentChecksum.Compute("m-1", "ab", "c"), ContentChecksum.Compute("m-1", "a", "bc"));
}
