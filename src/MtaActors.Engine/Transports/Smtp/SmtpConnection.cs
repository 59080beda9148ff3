using MailKit.Security;
using MtaActors.Core.Topology;

namespace MtaActors.Engine.Transports.Smtp;

/// <summary>
/// One open SMTP connection to a link's far end, greeted and EHLO'd, kept for several transactions. It is used by one
/// transfer at a time (the pool hands it out); after any error its protocol state is unknown and it is thrown away.
/// </summary>
internal sealed class SmtpConnection : IAsyncDisposable
{
    private SmtpConnection(RefusalRecordingClient client, long idleSince)
    {
        Client = client;
        IdleSince = idleSince;
    }

    public RefusalRecordingClient Client { get; }

    /// <summary>When the connection was last handed back (a <see cref="TimeProvider"/> timestamp).</summary>
    public long IdleSince { get; set; }

    public bool IsOpen => Client.IsConnected;

    public static async Task<SmtpConnection> OpenAsync(SmtpRelay relay, string localDomain, ISmtpDialer dialer, TimeProvider time, CancellationToken cancellationToken)
    {
        var stream = await dialer.DialAsync(relay, cancellationToken).ConfigureAwait(false);
        var client = new RefusalRecordingClient { LocalDomain = localDomain };
        try
        {
            // TLS to a smarthost needs a trusted certificate, which a test or a local relay rarely has; plain SMTP until
            // the topology can say otherwise.
            await client.ConnectAsync(stream, relay.Host, relay.Port, SecureSocketOptions.None, cancellationToken).ConfigureAwait(false);
            return new SmtpConnection(client, time.GetTimestamp());
        }
        catch
        {
            client.Dispose();
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // No QUIT: a connection is dropped either because it failed (nothing to say) or at shutdown (the far end copes).
        await Task.CompletedTask.ConfigureAwait(false);
        Client.Dispose();
    }
}
