using System.Net;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MtaActors.Core.Messages;

namespace MtaActors.Host.Bench;

/// <summary>
/// A running daemon driven through its SMTP listener: each submission is one SMTP session with MailKit's client
/// (connect, EHLO, one MAIL/RCPT/DATA transaction per message of the batch, QUIT), complete once every message saw
/// its 250, which the listener answers only after the journal write. Deliveries, queue lengths and faults are read and
/// set through the daemon's admin API, as for <see cref="HttpTarget"/>.
/// </summary>
internal sealed class SmtpTarget : IBenchTarget
{
    private readonly IPEndPoint _smtp;
    private readonly HttpTarget _admin;

    private SmtpTarget(IPEndPoint smtp, HttpTarget admin)
    {
        _smtp = smtp;
        _admin = admin;
    }

    public static async Task<SmtpTarget> ConnectAsync(IPEndPoint smtp, Uri daemon, DeliveryTracker tracker, CancellationToken cancellationToken)
        => new(smtp, await HttpTarget.ConnectAsync(daemon, tracker, cancellationToken));

    public async Task SubmitAsync(IReadOnlyList<Message> batch, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)HttpTarget.CallTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(_smtp.Address.ToString(), _smtp.Port, SecureSocketOptions.None, cancellationToken);
            foreach (var message in batch)
            {
                await client.SendAsync(ToMime(message), MailboxAddress.Parse(message.Originator.Value), message.Recipients.Select(r => MailboxAddress.Parse(r.Value)), cancellationToken);
            }

            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (SmtpCommandException e)
        {
            throw new BenchFailedException($"the SMTP listener refused a message: {(int)e.StatusCode} {e.Message}");
        }
        catch (Exception e) when (e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or TimeoutException)
        {
            throw new BenchFailedException($"--smtp {_smtp}: {e.Message}");
        }
    }

    public Task<QueueSample> SampleAsync(CancellationToken cancellationToken) => _admin.SampleAsync(cancellationToken);

    public Task<IReadOnlyDictionary<string, string>> LinkStatesAsync(CancellationToken cancellationToken) => _admin.LinkStatesAsync(cancellationToken);

    public Task SetFaultAsync(LinkFault fault, CancellationToken cancellationToken) => _admin.SetFaultAsync(fault, cancellationToken);

    public Task<long> SitesRecordedAsync(CancellationToken cancellationToken) => _admin.SitesRecordedAsync(cancellationToken);

    public ValueTask DisposeAsync() => _admin.DisposeAsync();

    /// <summary>The plan's message as mail: its id as the Message-ID (unique per run, so the listener's id is too).</summary>
    private static MimeMessage ToMime(Message message)
    {
        var mime = new MimeMessage { MessageId = $"{message.Id}@mta-bench", Subject = message.Subject };
        mime.From.Add(MailboxAddress.Parse(message.Originator.Value));
        mime.To.AddRange(message.Recipients.Select(r => MailboxAddress.Parse(r.Value)));
        mime.Body = new TextPart("plain") { Text = message.Body };
        return mime;
    }
}
