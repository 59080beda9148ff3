using System.Text;
using MimeKit;
using MtaActors.Core.Messages;

namespace MtaActors.Engine.Transports.Smtp;

/// <summary>
/// The MIME form of a message leaving over SMTP. Mail that came in over SMTP (<see cref="ContentFormat.Rfc5322"/>) goes
/// out as it came, headers and body; mail submitted through the admin API (plain text) gets the headers a mail reader
/// needs, with a Message-ID made from the message's id so every hop knows it by the same name.
/// </summary>
internal static class OutboundMimeMessage
{
    public static MimeMessage From(Message message, string domain)
    {
        if (message.Format == ContentFormat.Rfc5322)
        {
            using var octets = new MemoryStream(Encoding.Latin1.GetBytes(message.Body), writable: false);
            return MimeMessage.Load(octets);
        }

        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = message.SubmittedAt,
            MessageId = $"{message.Id}@{domain}",
            Body = new TextPart("plain") { Text = message.Body },
        };
        mime.From.Add(Mailbox(message.Originator.Value));
        mime.To.AddRange(message.Recipients.Select(r => Mailbox(r.Value)));
        return mime;
    }

    /// <summary>An address as SMTP carries it; a non-SMTP address (X.400, DN) can only be named, not parsed.</summary>
    public static MailboxAddress Mailbox(string address)
        => MailboxAddress.TryParse(address, out var mailbox) ? mailbox : new MailboxAddress(address, "");
}
