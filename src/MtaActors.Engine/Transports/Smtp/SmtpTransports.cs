namespace MtaActors.Engine.Transports.Smtp;

/// <summary>The SMTP transports an engine opened, so that their pooled connections are closed when it stops.</summary>
internal sealed class SmtpTransports : IAsyncDisposable
{
    private readonly List<SmtpTransport> _transports = [];

    public SmtpTransport Add(SmtpTransport transport)
    {
        lock (_transports)
        {
            _transports.Add(transport);
        }

        return transport;
    }

    public async ValueTask DisposeAsync()
    {
        SmtpTransport[] transports;
        lock (_transports)
        {
            transports = [.. _transports];
            _transports.Clear();
        }

        foreach (var transport in transports)
        {
            await transport.DisposeAsync().ConfigureAwait(false);
        }
    }
}
