using MtaActors.Core.Addressing;
using MtaActors.Host.Api;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MtaActors.Host.Smtp;

/// <summary>
/// SmtpServer's MAIL FROM and RCPT TO hook. A refusal is thrown as <see cref="SmtpResponseException"/>, SmtpServer's
/// way for a hook to choose its reply; 421 also closes the session (RFC 5321 §3.8).
/// </summary>
internal sealed class InboundMailboxFilter(GatewayHolder holder, InboundAdmission admission) : IMailboxFilter
{
    public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        var session = InboundSession.Of(context);
        session.Recipients = 0;
        RefuseIf(admission.EngineRefusal(holder.Gateway));
        if (!IsNullPath(from) && !Address.TryParse(AddressOf(from), out _, out _))
        {
            throw new SmtpResponseException(SmtpReplies.BadSenderSyntax);
        }

        return Task.FromResult(true);
    }

    public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        var session = InboundSession.Of(context);
        RefuseIf(admission.EngineRefusal(holder.Gateway));
        if (!Address.TryParse(AddressOf(to), out var recipient, out _) || recipient.Type != AddressType.Smtp)
        {
            throw new SmtpResponseException(SmtpReplies.BadRecipientSyntax);
        }

        RefuseIf(admission.RecipientRefusal(recipient, session.Client, session.Recipients));
        session.Recipients++;
        return Task.FromResult(true);
    }

    /// <summary>The reverse path <c>&lt;&gt;</c> (RFC 5321 §4.5.5): a delivery report, to which nothing is ever reported.</summary>
    public static bool IsNullPath(IMailbox mailbox) => string.IsNullOrEmpty(mailbox.User) && string.IsNullOrEmpty(mailbox.Host);

    public static string AddressOf(IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";

    private static void RefuseIf(SmtpResponse? refusal)
    {
        if (refusal is not null)
        {
            throw new SmtpResponseException(refusal, quit: refusal.ReplyCode == SmtpReplyCode.ServiceUnavailable);
        }
    }
}
