using System.Globalization;
using System.Text.RegularExpressions;
using SmtpServer.Protocol;

namespace MtaActors.Host.Smtp;

/// <summary>
/// The replies the listener gives of its own, and the rewriting of the replies SmtpServer writes. We advertise
/// ENHANCEDSTATUSCODES, and RFC 2034 then wants an enhanced code (RFC 3463) in every 2xx/4xx/5xx reply after the
/// greeting; SmtpServer writes its fixed replies ("250 Ok", "503 bad sequence of commands") without one, appends
/// ", N retry(ies) remaining." to every refusal it relays from a hook, and says 221 when it closes a session it
/// cancelled. Its reply texts are not configurable, so the listener rewrites them on their way out.
/// </summary>
public static partial class SmtpReplies
{
    public static SmtpResponse StillStarting(string server) => new(SmtpReplyCode.ServiceUnavailable, $"4.3.2 {server} is starting, try again later");

    public static SmtpResponse Disabled(string server) => new(SmtpReplyCode.ServiceUnavailable, $"4.3.2 {server} is not accepting mail now (disabled by an administrator), try again later");

    public static SmtpResponse BackPressure(int length) => new(SmtpReplyCode.Aborted, string.Create(CultureInfo.InvariantCulture, $"4.3.1 Insufficient system resources: {length} messages waiting, try again later"));

    public static readonly SmtpResponse UnknownMailbox = new(SmtpReplyCode.MailboxUnavailable, "5.1.1 Recipient address rejected: no such mailbox here");

    public static readonly SmtpResponse RelayDenied = new(SmtpReplyCode.TransactionFailed, "5.7.1 Relay access denied");

    public static readonly SmtpResponse TooManyRecipients = new(SmtpReplyCode.InsufficientStorage, "4.5.3 Too many recipients");

    public static readonly SmtpResponse TooLarge = new(SmtpReplyCode.SizeLimitExceeded, "5.3.4 Message too big for system");

    public static readonly SmtpResponse LineTooLong = new(SmtpReplyCode.CommandUnrecognized, "5.5.2 Line too long (the limit is 1000 octets)");

    public static readonly SmtpResponse BadSenderSyntax = new(SmtpReplyCode.SyntaxError, "5.1.7 Bad sender address syntax");

    public static readonly SmtpResponse BadRecipientSyntax = new(SmtpReplyCode.SyntaxError, "5.1.3 Bad recipient address syntax");

    public static readonly SmtpResponse NotJournaled = new(SmtpReplyCode.Aborted, "4.3.0 The message could not be queued now, try again later");

    /// <summary>The message's id (from its Message-ID and envelope) is taken by a message with other content: refused, never dropped.</summary>
    public static readonly SmtpResponse IdTaken = new(SmtpReplyCode.TransactionFailed, "5.6.0 Message-ID already used for a different message");

    public static SmtpResponse Queued(string id) => new(SmtpReplyCode.Ok, $"2.0.0 Ok: queued as {id}");

    /// <summary>VRFY: RFC 5321 §3.5.3's answer that neither confirms nor denies a mailbox.</summary>
    public const string CannotVerify = "252 2.1.5 Cannot VRFY user, but will accept message and attempt delivery";

    public static string TooManySessions(string server) => $"421 4.7.0 {server} too many connections, try again later";

    /// <summary>The greeting of a session an <c>error-rate</c> fault on the listener refuses (transient: a correct client retries).</summary>
    public static string InjectedRefusal(string server) => $"421 4.3.2 {server} Service not available (injected fault), closing connection";

    public static string ShuttingDown(string server) => $"421 4.3.2 {server} Service shutting down, closing connection";

    public static string TimedOut(string server) => $"421 4.4.2 {server} Error: timeout exceeded, closing connection";

    /// <summary>One reply line as written on the wire (without CRLF).</summary>
    public static string Format(SmtpResponse response) => string.Create(CultureInfo.InvariantCulture, $"{(int)response.ReplyCode} {response.Message}");

    /// <summary>
    /// Rewrites one reply line SmtpServer wrote. Lines of a multi-line reply (EHLO's: <paramref name="inMultiline"/>
    /// is true for its last line) and 220/3xx replies are left alone; RFC 2034 exempts them.
    /// </summary>
    public static string Rewrite(string line, bool inMultiline)
    {
        if (inMultiline || line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
            || (line.Length > 3 && line[3] == '-') || code == 220 || code / 100 == 3)
        {
            return line;
        }

        var text = line.Length > 4 ? line[4..] : "";
        text = RetriesSuffix().Replace(text, "");
        if (code == 221 && !string.Equals(text, "bye", StringComparison.Ordinal))
        {
            // SmtpServer closes a cancelled session (server stopping, session time limit) with 221; RFC 5321 says 421.
            return $"421 4.3.2 Service shutting down, closing connection ({text.TrimEnd('.')})";
        }

        if (code == 501 && text.StartsWith("expected ", StringComparison.Ordinal))
        {
            // Its state machine answers a command out of turn with 501; RFC 5321 §4.2.4 says 503.
            return $"503 5.5.1 Bad sequence of commands ({text})";
        }

        if (code == 502 && string.Equals(text, "Unrecognized command", StringComparison.Ordinal))
        {
            // It says 502 (not implemented) for a verb it cannot parse; RFC 5321 §4.2.4 says 500.
            return "500 5.5.2 Syntax error, command unrecognized";
        }

        return EnhancedCode().IsMatch(text) ? $"{code} {text}" : $"{code} {EnhancedFor(code)} {text}".TrimEnd();
    }

    /// <summary>The RFC 3463 code for a basic reply code that came without one.</summary>
    public static string EnhancedFor(int code) => code switch
    {
        >= 200 and < 300 => "2.0.0",
        421 => "4.3.2",
        452 => "4.3.1",
        >= 400 and < 500 => "4.3.0",
        500 => "5.5.2",
        501 => "5.5.4",
        502 => "5.5.1",
        503 => "5.5.1",
        504 => "5.5.4",
        530 => "5.7.0",
        535 => "5.7.8",
        550 => "5.1.1",
        552 => "5.3.4",
        553 => "5.1.3",
        _ => "5.0.0",
    };

    [GeneratedRegex(@", \d+ retry\(ies\) remaining\.$")]
    private static partial Regex RetriesSuffix();

    [GeneratedRegex(@"^[245]\.\d{1,3}\.\d{1,3}( |$)")]
    private static partial Regex EnhancedCode();
}
