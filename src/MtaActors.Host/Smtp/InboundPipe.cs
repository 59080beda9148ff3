using System.IO.Pipelines;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using SmtpServer.IO;

namespace MtaActors.Host.Smtp;

/// <summary>
/// The duplex pipe SmtpServer runs a session over: its own pipe type cannot be constructed outside the library, and
/// the listener needs the connection guard (<see cref="InboundConnectionStream"/>) between the socket and the pipe.
/// TLS is not offered (no certificate is configured), so SmtpServer never asks to upgrade.
/// </summary>
internal sealed class InboundPipe : ISecurableDuplexPipe
{
    private readonly InboundConnectionStream _stream;
    private readonly Action _onDispose;
    private int _disposed;

    public InboundPipe(InboundConnectionStream stream, Action onDispose)
    {
        _stream = stream;
        _onDispose = onDispose;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public bool IsSecure => false;

    public SslProtocols SslProtocol => SslProtocols.None;

    public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
        => throw new NotSupportedException("STARTTLS is not offered: no certificate is configured");

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stream.Dispose();
            _onDispose();
        }
    }
}
