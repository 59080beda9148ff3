using System.Collections.Immutable;
using System.Net.Sockets;
using MailKit;
using Envelope = MtaActors.Core.Messages.Envelope;
using MailKit.Net.Smtp;
using MimeKit;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;

namespace MtaActors.Engine.Transports.Smtp;

/// <summary>
/// A link's transport to a real SMTP server (RFC 5321), on MailKit's <see cref="SmtpClient"/>. The envelopes of a batch go
/// out in parallel over up to <see cref="SmtpRelay.Connections"/> pooled connections, one transaction each. The answers
/// map onto the link's rules: a 5xx for a recipient refuses that recipient for good (a non-delivery report; the others
/// are delivered), a 4xx or a broken connection defers the message to the link's retry policy, and the link's transfer
/// timeout (the cancellation token) bounds every step. All I/O is asynchronous; nothing here blocks a thread.
/// </summary>
public sealed class SmtpTransport : ITransport, IAsyncDisposable
{
    private readonly SmtpRelay _relay;
    private readonly string _localDomain;
    private readonly Address _postmaster;
    private readonly SmtpConnectionPool _pool;

    /// <param name="relay">The far end and how many connections to keep to it.</param>
    /// <param name="server">This MTA: its postmaster names the domain said in EHLO and sends for originators SMTP cannot name.</param>
    /// <param name="dialer">Opens the connections (a fault wrapper may stand in between).</param>
    /// <param name="time">Times how long pooled connections have been idle.</param>
    public SmtpTransport(SmtpRelay relay, ServerIdentity server, ISmtpDialer dialer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(relay);
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(dialer);
        ArgumentNullException.ThrowIfNull(time);
        _relay = relay;
        _postmaster = server.Postmaster;
        _localDomain = DomainOf(server);
        _pool = new SmtpConnectionPool(relay, _localDomain, dialer, time);
    }

    public SmtpRelay Relay => _relay;

    public async Task<TransferOutcome> TransferAsync(IReadOnlyList<Envelope> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var results = await Task.WhenAll(batch.Select(envelope => SendAsync(envelope, cancellationToken))).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var deferred = results.OfType<EnvelopeResult.Deferred>().ToList();
        if (deferred.Count == results.Length)
        {
            return new TransferOutcome.Failure(deferred[0].Kind, deferred[0].Reason);
        }

        var refused = results.OfType<EnvelopeResult.Sent>().SelectMany(sent => sent.Refused).ToImmutableArray();
        return refused.IsEmpty && deferred.Count == 0
            ? TransferOutcome.Success.Clean
            : new TransferOutcome.Success(0) { Refused = refused, Deferred = [.. deferred.Select(d => d.MessageId)] };
    }

    public async Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var connection = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await connection.Client.NoOpAsync(cancellationToken).ConfigureAwait(false);
                _pool.Return(connection);
                return TransferOutcome.Success.Clean;
            }
            catch
            {
                await _pool.DiscardAsync(connection).ConfigureAwait(false);
                throw;
            }
        }
        catch (Exception e) when (Failure(e) is { } failure && !cancellationToken.IsCancellationRequested)
        {
            return new TransferOutcome.Failure(failure.Kind, failure.Reason);
        }
    }

    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    private async Task<EnvelopeResult> SendAsync(Envelope envelope, CancellationToken cancellationToken)
    {
        var message = envelope.Message;
        var refused = new List<RecipientRefusal>();
        var recipients = new List<MailboxAddress>();
        foreach (var recipient in envelope.Recipients)
        {
            if (recipient.Type == AddressType.Smtp)
            {
                recipients.Add(OutboundMimeMessage.Mailbox(recipient.Value));
            }
            else
            {
                refused.Add(new RecipientRefusal(message.Id, recipient, "x-mta; 553 5.1.3 not an SMTP address, cannot be relayed over SMTP"));
            }
        }

        if (recipients.Count == 0)
        {
            return new EnvelopeResult.Sent([.. refused]);
        }

        SmtpConnection? connection = null;
        try
        {
            var mime = OutboundMimeMessage.From(message, _localDomain);
            connection = await _pool.RentAsync(cancellationToken).ConfigureAwait(false);
            var client = connection.Client;
            client.BeginTransaction();
            try
            {
                await client.SendAsync(mime, Sender(message), recipients, cancellationToken).ConfigureAwait(false);
            }
            catch (NoRecipientAcceptedException)
            {
                // Nothing was sent, but MailKit left the transaction open: the connection is not reused.
                refused.AddRange(client.Refused.Select(r => Refusal(message, envelope, r.Mailbox, r.Response.StatusCode, r.Response.Response)));
                await _pool.DiscardAsync(connection).ConfigureAwait(false);
                connection = null;
                return new EnvelopeResult.Sent([.. refused]);
            }

            refused.AddRange(client.Refused.Select(r => Refusal(message, envelope, r.Mailbox, r.Response.StatusCode, r.Response.Response)));
            _pool.Return(connection);
            connection = null;
            return new EnvelopeResult.Sent([.. refused]);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500 && e.ErrorCode != SmtpErrorCode.RecipientNotAccepted)
        {
            // The far end refused the sender or the message itself: every recipient of this transaction is refused.
            refused.AddRange(recipients.Select(r => Refusal(message, envelope, r, e.StatusCode, e.Message)));
            return new EnvelopeResult.Sent([.. refused]);
        }
        catch (Exception e) when (Failure(e) is { } failure && !cancellationToken.IsCancellationRequested)
        {
            return new EnvelopeResult.Deferred(message.Id, failure.Kind, failure.Reason);
        }
        finally
        {
            if (connection is not null)
            {
                await _pool.DiscardAsync(connection).ConfigureAwait(false);
            }
        }
    }

    private MailboxAddress Sender(Message message)
    {
        // Reports go out with the null reverse path (RFC 5321 §4.5.5), so a bounce can never bounce back.
        if (message.Class == MessageClass.Report)
        {
            return new MailboxAddress("", "");
        }

        var originator = message.Originator.Type == AddressType.Smtp ? message.Originator : _postmaster;
        return OutboundMimeMessage.Mailbox(originator.Value);
    }

    private static RecipientRefusal Refusal(Message message, Envelope envelope, MailboxAddress mailbox, SmtpStatusCode code, string text)
    {
        var recipient = envelope.Recipients.FirstOrDefault(r => string.Equals(r.Value, mailbox.Address, StringComparison.OrdinalIgnoreCase))
                        ?? Address.FromUserInput(mailbox.Address);
        return new RecipientRefusal(message.Id, recipient, $"smtp; {(int)code} {OneLine(text)}");
    }

    /// <summary>What a failed step means for the link: null for anything that is not a link failure (a bug, rethrown).</summary>
    private (TransferFailure Kind, string Reason)? Failure(Exception exception) => exception switch
    {
        SmtpCommandException command => (TransferFailure.Transient, $"{_relay} answered {(int)command.StatusCode} {OneLine(command.Message)}"),
        SocketException { SocketErrorCode: SocketError.ConnectionRefused } => (TransferFailure.Refused, $"{_relay} refused the connection"),
        SocketException socket => (TransferFailure.Transient, $"{_relay}: {socket.Message}"),
        SmtpProtocolException protocol => (TransferFailure.Reset, $"{_relay}: {OneLine(protocol.Message)}"),
        ServiceNotConnectedException => (TransferFailure.Reset, $"{_relay} closed the connection"),
        IOException io => (TransferFailure.Reset, $"{_relay}: {OneLine(io.Message)}"),
        _ => null,
    };

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private static string DomainOf(ServerIdentity server)
    {
        var at = server.Postmaster.Value.LastIndexOf('@');
        return server.Postmaster.Type == AddressType.Smtp && at > 0 ? server.Postmaster.Value[(at + 1)..] : server.Name.ToLowerInvariant();
    }

    private abstract record EnvelopeResult
    {
        public sealed record Sent(ImmutableArray<RecipientRefusal> Refused) : EnvelopeResult;

        public sealed record Deferred(string MessageId, TransferFailure Kind, string Reason) : EnvelopeResult;
    }
}
