using System.Buffers;
using Microsoft.Extensions.Logging;
using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;
using MtaActors.Host.Api;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace MtaActors.Host.Smtp;

/// <summary>
/// SmtpServer's end-of-data hook: submits the message through the same durable acceptance as the admin API and
/// answers 250 only once the work queue has journaled it. The work queue persists submissions asynchronously, so the
/// submissions of concurrent sessions are written to the journal together (group commit) rather than one by one.
/// </summary>
internal sealed class InboundMessageStore(
    GatewayHolder holder, InboundAdmission admission, SmtpSettings settings, SmtpCounters counters, string server, string postmaster, ILogger log) : IMessageStore
{
    public async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
    {
        var session = InboundSession.Of(context);
        if (session.DataRefusal is { } refusal)
        {
            return refusal;
        }

        if (buffer.Length > settings.MaxMessageBytes)
        {
            return SmtpReplies.TooLarge;
        }

        var gateway = holder.Gateway;
        if (admission.EngineRefusal(gateway) is { } engineRefusal)
        {
            return engineRefusal;
        }

        if (gateway is null)
        {
            return SmtpReplies.StillStarting(server);
        }

        var now = gateway.Time.GetUtcNow();
        var from = InboundMailboxFilter.IsNullPath(transaction.From) ? null : InboundMailboxFilter.AddressOf(transaction.From);
        var to = transaction.To.Select(InboundMailboxFilter.AddressOf).ToList();
        var draft = InboundMessageBuilder.Draft(buffer.ToArray(), from, to, postmaster, session.ClientName ?? "unknown", session.Client, server, now, overTls: context.Pipe.IsSecure);
        if (!MessageFactory.TryCreate(draft, now, gateway.DefaultExpiry, out var message, out var error))
        {
            log.LogWarning("SMTP message from {Client} not accepted: {Error}", session.Client, error);
            return SmtpReplies.BadSenderSyntax;
        }

        SubmittedMessage submitted;
        try
        {
            submitted = (await gateway.SubmitAsync([message!], cancellationToken).ConfigureAwait(false))[0];
        }
        catch (Exception e) when (e is MtaUnavailableException or OperationCanceledException)
        {
            log.LogWarning("SMTP message {MessageId} from {Client} not journaled: {Reason}", message!.Id, session.Client, e.Message);
            return SmtpReplies.NotJournaled;
        }

        if (!submitted.Owned)
        {
            log.LogWarning("SMTP message {MessageId} from {Client} refused: {Reason}", message!.Id, session.Client, submitted.Reason);
            return SmtpReplies.IdTaken;
        }

        counters.MessageAccepted();
        log.LogDebug("SMTP message {MessageId} from {Client} journaled for {Recipients} recipients", message!.Id, session.Client, to.Count);
        return SmtpReplies.Queued(message.Id);
    }
}
