using System.IO.Pipelines;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer.IO;

namespace MtaActors.Host.Smtp;

/// <summary>
/// The duplex pipe SmtpServer runs a session over: its own pipe type cannot be constructed outside the library, and
/// the listener needs the connection guard (<see cref="InboundConnectionStream"/>) between the socket and the pipe.
/// STARTTLS puts TLS between the socket and the guard, so the guard's limits hold over TLS too.
/// </summary>
internal sealed class InboundPipe : ISecurableDuplexPipe
{
    private readonly Stream _network;
    private readonly InboundConnectionStream _stream;
    private readonly Action _onDispose;
    private SslStream? _tls;
    private int _disposed;

    private readonly TimeSpan _handshakeTimeout;

    public InboundPipe(Stream network, InboundConnectionStream stream, TimeSpan handshakeTimeout, Action onDispose)
    {
        _network = network;
        _handshakeTimeout = handshakeTimeout;
        _stream = stream;
        _onDispose = onDispose;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public bool IsSecure => _tls is not null;

    public SslProtocols SslProtocol => _tls?.SslProtocol ?? SslProtocols.None;

    public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
    {
        var tls = new SslStream(_network, leaveInnerStreamOpen: true);
        // A client that stalls the handshake is cut like one that stalls a command.
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(_handshakeTimeout);
        try
        {
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = certificate,
                    ClientCertificateRequired = false,
                    EnabledSslProtocols = protocols,
                    // The client's certificate is not asked for, so there is nothing to check revocation of.
                    CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                },
                bound.Token).ConfigureAwait(false);
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        _tls = tls;
        _stream.Secure(tls);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stream.Dispose();
            _tls?.Dispose();
            _network.Dispose();
            _onDispose();
        }
    }
}
