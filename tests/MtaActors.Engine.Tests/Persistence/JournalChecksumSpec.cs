using System.Text;
using MtaActors.Engine.Persistence;

namespace MtaActors.Engine.Tests.Persistence;

/// <summary>The payload seal of every journal row: what it accepts, what it refuses, and what it names when it refuses.</summary>
public sealed class JournalChecksumSpec
{
    private static readonly byte[] Json = """{"envelopes":[{"envelope":{"message":{"id":"m-1"},"recipients":["a@b.test"]}}]}"""u8.ToArray();

    [Fact]
    public void Sealed_payload_opens_to_the_same_json_verified()
    {
        var sealedPayload = JournalChecksum.Seal(Json);

        Assert.StartsWith("#crc32c=", Encoding.ASCII.GetString(sealedPayload), StringComparison.Ordinal);
        Assert.Equal(Json, JournalChecksum.Open(sealedPayload, "sq.enqueued.v1", out var verified).ToArray());
        Assert.True(verified);
    }

    [Fact]
    public void Payload_without_a_header_is_format_1_read_unverified()
    {
        Assert.Equal(Json, JournalChecksum.Open(Json, "sq.enqueued.v1", out var verified).ToArray());
        Assert.False(verified);
    }

    [Fact]
    public void Altered_content_that_is_still_json_is_refused_naming_its_message()
    {
        var payload = JournalChecksum.Seal(Json);
        var altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload).Replace("a@b.test", "x@b.test", StringComparison.Ordinal));

        var refused = Assert.Throws<JournalChecksumException>(() => JournalChecksum.Open(altered, "sq.enqueued.v1", out _));

        Assert.Equal(["m-1"], refused.MessageIds);
        Assert.StartsWith("sq.enqueued.v1: checksum mismatch (stored ", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#crc32c=")]
    [InlineData("#crc32c=zzzzzzzz\n{}")]
    [InlineData("#crc32c=0000000{}")]
    public void Damaged_header_is_refused(string payload)
        => Assert.Throws<JournalChecksumException>(() => JournalChecksum.Open(Encoding.ASCII.GetBytes(payload), "wq.accepted.v1", out _));
}
