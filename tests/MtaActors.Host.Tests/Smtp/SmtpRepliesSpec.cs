using MtaActors.Host.Smtp;

namespace MtaActors.Host.Tests.Smtp;

public sealed class SmtpRepliesSpec
{
    [Theory]
    [InlineData("250 Ok", "250 2.0.0 Ok")]
    [InlineData("221 bye", "221 2.0.0 bye")]
    [InlineData("550 5.1.1 Recipient address rejected: no such mailbox here, 119 retry(ies) remaining.", "550 5.1.1 Recipient address rejected: no such mailbox here")]
    [InlineData("552 size limit exceeded", "552 5.3.4 size limit exceeded")]
    [InlineData("501 expected MAIL/RSET/QUIT, 4 retry(ies) remaining.", "503 5.5.1 Bad sequence of commands (expected MAIL/RSET/QUIT)")]
    [InlineData("502 Unrecognized command, 4 retry(ies) remaining.", "500 5.5.2 Syntax error, command unrecognized")]
    [InlineData("221 Timeout while waiting for input.", "421 4.3.2 Service shutting down, closing connection (Timeout while waiting for input)")]
    [InlineData("554 ", "554 5.0.0")]
    public void SmtpServer_replies_get_enhanced_codes_and_lose_the_retry_count(string written, string sent)
        => Assert.Equal(sent, SmtpReplies.Rewrite(written, inMultiline: false));

    [Theory]
    [InlineData("220 LON-MTA-01 ESMTP MtaActors ready", false)]
    [InlineData("354 end with <CRLF>.<CRLF>", false)]
    [InlineData("250-PIPELINING", false)]
    [InlineData("250 ENHANCEDSTATUSCODES", true)]
    public void Greeting_intermediate_and_EHLO_replies_are_left_alone(string line, bool inMultiline)
        => Assert.Equal(line, SmtpReplies.Rewrite(line, inMultiline));
}
