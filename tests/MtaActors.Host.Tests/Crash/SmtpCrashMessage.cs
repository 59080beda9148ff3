using MimeKit;

namespace MtaActors.Host.Tests.Crash;

/// <summary>One message of the SMTP crash load: its key in the ledger, the message itself and its envelope recipients.</summary>
internal sealed record SmtpCrashMessage(string Key, MimeMessage Message, IReadOnlyList<string> Recipients)
{
    public static readonly MailboxAddress Sender = MailboxAddress.Parse("alice@example.com");

    private static readonly string[][] Envelopes =
    [
        ["jsmith@london.contoso.com"],
        ["pdupont@paris.contoso.com"],
        ["jsmith@london.contoso.com", "mjones@london.contoso.com", "pdupont@paris.contoso.com"],
    ];

    /// <summary>
    /// A new message for one of the envelopes (local mailboxes, the Paris site, both); one in three has no Message-ID,
    /// so its id comes from its content, which carries <paramref name="key"/> to make it unique.
    /// </summary>
    public static SmtpCrashMessage Create(string key, Random random)
    {
        var recipients = Envelopes[random.Next(Envelopes.Length)];
        var message = new MimeMessage { Subject = $"crash load {key}" };
        message.From.Add(Sender);
        message.To.AddRange(recipients.Select(MailboxAddress.Parse));
        message.Body = new TextPart("plain") { Text = $"message {key}\r\n" + new string('x', random.Next(10, 2000)) };
        if (random.Next(3) == 0)
        {
            message.Headers.Remove(HeaderId.MessageId);
        }

        return new SmtpCrashMessage(key, message, recipients);
    }
}
