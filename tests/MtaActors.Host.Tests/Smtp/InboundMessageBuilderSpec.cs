using System.Net;
using System.Text;
using MtaActors.Core.Messages;
using MtaActors.Host.Smtp;

namespace MtaActors.Host.Tests.Smtp;

public sealed class InboundMessageBuilderSpec
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_Message_ID_originator_and_recipients_give_the_same_id_whatever_their_order_and_case()
    {
        var first = InboundMessageBuilder.IdOf("<a@b>", "Alice@Example.com", ["x@l.com", "y@l.com"], "one"u8);
        var again = InboundMessageBuilder.IdOf("<a@b>", "alice@example.com", ["Y@l.com", "x@l.com"], "other content"u8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, InboundMessageBuilder.IdOf("<a@b>", "alice@example.com", ["x@l.com"], "one"u8));
        Assert.NotEqual(first, InboundMessageBuilder.IdOf("<c@d>", "alice@example.com", ["x@l.com", "y@l.com"], "one"u8));
    }

    [Fact]
    public void Without_a_Message_ID_the_same_content_originator_and_recipients_give_the_same_id()
    {
        var first = InboundMessageBuilder.IdOf(null, "Alice@Example.com", ["x@l.com", "y@l.com"], "Subject: s\r\n\r\nbody"u8);
        var again = InboundMessageBuilder.IdOf(" ", "alice@example.com", ["Y@l.com", "x@l.com"], "Subject: s\r\n\r\nbody"u8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, InboundMessageBuilder.IdOf(null, "alice@example.com", ["x@l.com", "y@l.com"], "Subject: s\r\n\r\nbody!"u8));
        Assert.NotEqual(first, InboundMessageBuilder.IdOf(null, "bob@example.com", ["x@l.com", "y@l.com"], "Subject: s\r\n\r\nbody"u8));
        Assert.NotEqual(first, InboundMessageBuilder.IdOf(null, "alice@example.com", ["x@l.com"], "Subject: s\r\n\r\nbody"u8));
    }

    [Fact]
    public void Null_reverse_path_makes_a_report_from_the_postmaster()
    {
        var draft = InboundMessageBuilder.Draft(Encoding.ASCII.GetBytes("Subject: bounce\r\n\r\nundeliverable"), null, ["jsmith@london.contoso.com"],
            "postmaster@london.contoso.com", "mx.example", IPAddress.Loopback, "LON-MTA-01", Now);

        Assert.Equal("postmaster@london.contoso.com", draft.From);
        Assert.Equal(MessageClass.Report, draft.Class);
    }

    [Fact]
    public void Message_without_a_header_block_is_kept_as_it_came()
    {
        var draft = InboundMessageBuilder.Draft(Encoding.ASCII.GetBytes("just text, no headers"), "alice@example.com", ["jsmith@london.contoso.com"],
            "postmaster@london.contoso.com", "mx.example", IPAddress.Loopback, "LON-MTA-01", Now);

        Assert.EndsWith("\r\n\tWed, 02 Dec 2026 12:00:00 +0000\r\njust text, no headers\r\n", draft.Body);
        Assert.Empty(draft.Trace);
    }
}
