using MailKit.Net.Smtp;
using MimeKit;

namespace MtaActors.Engine.Transports.Smtp;

/// <summary>
/// MailKit's client, told not to give up a whole transaction because one recipient was refused for good: a 5xx at RCPT
/// is written down (that recipient gets a non-delivery report) and the message still goes to the others. A 4xx at RCPT
/// still aborts the transaction (MailKit's default), so the whole message is retried later with every recipient.
/// </summary>
internal sealed class RefusalRecordingClient : SmtpClient
{
    private readonly List<(MailboxAddress Mailbox, SmtpResponse Response)> _refused = [];

    public IReadOnlyList<(MailboxAddress Mailbox, SmtpResponse Response)> Refused => _refused;

    /// <summary>Forgets the refusals of the previous transaction on this connection.</summary>
    public void BeginTransaction() => _refused.Clear();

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response)
    {
        if ((int)response.StatusCode >= 500)
        {
            _refused.Add((mailbox, response));
            return;
        }

        base.OnRecipientNotAccepted(message, mailbox, response);
    }

    protected override void OnNoRecipientsAccepted(MimeMessage message) => throw new NoRecipientAcceptedException();
}
