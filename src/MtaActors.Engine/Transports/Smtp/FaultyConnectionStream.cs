using System.Net.Sockets;
using System.Text;
using MtaActors.Engine.Faults;

namespace MtaActors.Engine.Transports.Smtp;

/// <summary>
/// An SMTP connection's byte stream with the link's faults between MailKit and the socket (see <see cref="SmtpLinkFaults"/>).
/// Every wait is asynchronous and ends with the transfer's cancellation token. The synchronous members pass straight
/// through: the transport only ever uses the asynchronous ones.
/// </summary>
internal sealed class FaultyConnectionStream(Stream inner, SmtpLinkFaults faults) : Stream
{
    private static readonly byte[] DataCommand = Encoding.ASCII.GetBytes("DATA\r\n");

    // Set once the client has sent DATA: its next write is the message itself, where a reset fault cuts the line.
    private bool _dataCommandSent;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var active = faults.Active;
        if (!active.IsEmpty)
        {
            DropIfDown(active);
            if (SmtpLinkFaults.Hangs(active))
            {
                // Connected, and the far end never says another word.
                await Task.Delay(Timeout.InfiniteTimeSpan, faults.Time, cancellationToken).ConfigureAwait(false);
            }
        }

        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (!active.IsEmpty)
        {
            await DelayAsync(active, read, cancellationToken).ConfigureAwait(false);
        }

        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var active = faults.Active;
        var inData = _dataCommandSent;
        _dataCommandSent = buffer.Span.EndsWith(DataCommand);
        if (!active.IsEmpty)
        {
            DropIfDown(active);
            await DelayAsync(active, buffer.Length, cancellationToken).ConfigureAwait(false);
            if (inData && faults.ResetsData(active))
            {
                // Half the message reaches the far end, then the line is cut: it must discard the unfinished DATA.
                await inner.WriteAsync(buffer[..(buffer.Length / 2)], cancellationToken).ConfigureAwait(false);
                await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
                await inner.DisposeAsync().ConfigureAwait(false);
                throw new IOException("injected reset: connection dropped mid-DATA", new SocketException((int)SocketError.ConnectionReset));
            }
        }

        await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private void DropIfDown(System.Collections.Immutable.ImmutableArray<ActiveFault> active)
    {
        if (faults.Refusal(active) is { } reason)
        {
            // A far end that went down takes its open connections with it.
            inner.Dispose();
            throw new IOException(reason, new SocketException((int)SocketError.ConnectionRefused));
        }
    }

    private Task DelayAsync(System.Collections.Immutable.ImmutableArray<ActiveFault> active, int bytes, CancellationToken cancellationToken)
    {
        var delay = faults.DelayFor(active, bytes);
        return delay > TimeSpan.Zero ? Task.Delay(delay, faults.Time, cancellationToken) : Task.CompletedTask;
    }
}
