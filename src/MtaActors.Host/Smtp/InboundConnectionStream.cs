using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MtaActors.Host.Smtp;

/// <summary>
/// The client's byte stream as SmtpServer reads and writes it, with the limits SmtpServer does not enforce.
/// SmtpServer reads a command line or a whole data block without any bound (a client that never sends CRLF grows
/// its buffer without end), has no timeout while data streams in, does not know VRFY, and cannot answer an oversized
/// message with 552 and go on with the session. So, at the byte level and for one connection:
/// <list type="bullet">
/// <item>command lines are handed over one at a time, so that a reply this guard gives (VRFY, a line too long) keeps
/// its place among the pipelined replies SmtpServer writes;</item>
/// <item>a line over 1000 octets (RFC 5321 §4.5.3.1.6) is answered 500 5.5.2 and dropped; in a data block it
/// refuses the message;</item>
/// <item>message data beyond the size limit is not passed on: the block is ended for SmtpServer at the client's final
/// dot, and the store answers 552 5.3.4 from <see cref="InboundSession.DataRefusal"/>;</item>
/// <item>every read waits at most the command or data timeout, and the whole session at most its time limit; then
/// the client hears 421 4.4.2 and the connection is closed;</item>
/// <item>every reply line SmtpServer writes passes through <see cref="SmtpReplies.Rewrite"/>, and refusals are counted.</item>
/// </list>
/// The guard knows message data begins when a 354 reply goes out and ends at CRLF.CRLF, as SmtpServer finds it.
/// </summary>
internal sealed class InboundConnectionStream : Stream
{
    /// <summary>RFC 5321 §4.5.3.1.6: a text line is at most 1000 octets with its CRLF.</summary>
    public const int MaxLineOctets = 1000;

    private static readonly byte[] Terminator = "\r\n.\r\n"u8.ToArray();

    /// <summary>How long a reply of the guard's own may take to write before the connection is dropped without it.</summary>
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(5);

    private Stream _inner;
    private readonly InboundSession _session;
    private readonly SmtpSettings _settings;
    private readonly SmtpCounters _counters;
    private readonly string _server;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly long _sessionStarted;

    private readonly byte[] _raw = new byte[16 * 1024];
    private int _rawStart;
    private int _rawEnd;

    // Command mode: the line being gathered, and whether it is being dropped for its length.
    private readonly byte[] _line = new byte[MaxLineOctets];
    private int _lineLength;
    private bool _discardingLine;

    // Data mode.
    private bool _dataMode;
    private long _dataOctets;
    private int _dataLineOctets;
    private int _match;
    private int _forwardedMatch;

    private readonly StringBuilder _reply = new();
    private bool _inMultiline;
    private bool _closed;

    public InboundConnectionStream(Stream inner, InboundSession session, SmtpSettings settings, SmtpCounters counters, string server, TimeProvider time, ILogger log)
    {
        _inner = inner;
        _session = session;
        _settings = settings;
        _counters = counters;
        _server = server;
        _log = log;
        _time = time;
        _sessionStarted = time.GetTimestamp();
    }

    /// <summary>
    /// After STARTTLS: reads and writes go through <paramref name="secure"/> from now on, and whatever the client sent
    /// after the STARTTLS line in the clear is dropped (RFC 3207 §4.2: plaintext pipelined past STARTTLS must not be
    /// taken as if it had come over TLS).
    /// </summary>
    public void Secure(Stream secure)
    {
        _inner = secure;
        _rawStart = _rawEnd = 0;
        _lineLength = 0;
        _discardingLine = false;
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!_closed)
        {
            if (_rawStart == _rawEnd && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }

            var produced = _dataMode ? TakeData(buffer.Span) : await TakeCommandAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (produced > 0)
            {
                return produced;
            }
        }

        return 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("the listener reads asynchronously");

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_closed)
        {
            // The guard closed the connection (timeout); what SmtpServer still writes has nobody to read it.
            return;
        }

        var output = new StringBuilder();
        foreach (var b in buffer.Span)
        {
            _reply.Append((char)b);
            if (b == '\n')
            {
                var line = _reply.ToString().TrimEnd('\r', '\n');
                _reply.Clear();
                var multilinePart = line.Length > 3 && line[3] == '-';
                var rewritten = SmtpReplies.Rewrite(line, _inMultiline);
                _inMultiline = multilinePart;
                Observe(rewritten);
                output.Append(rewritten).Append("\r\n");
            }
        }

        if (output.Length > 0)
        {
            await WriteRawAsync(output.ToString(), cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("the listener writes asynchronously");

    public override Task FlushAsync(CancellationToken cancellationToken) => _closed ? Task.CompletedTask : _inner.FlushAsync(cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _closed = true;
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Reads more from the client within the timeout; false when the client closed or was cut off.</summary>
    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        var idle = _dataMode ? _settings.DataTimeout : _settings.CommandTimeout;
        var left = _settings.SessionTimeout - _time.GetElapsedTime(_sessionStarted);
        using var timer = new CancellationTokenSource(left < idle ? (left > TimeSpan.Zero ? left : TimeSpan.Zero) : idle, _time);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        int read;
        try
        {
            read = await _inner.ReadAsync(_raw, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Either the client was silent too long, or SmtpServer cancelled the session (the daemon is stopping):
            // both close the connection, and RFC 5321 §3.8 wants the client told with 421 first.
            using var bound = new CancellationTokenSource(ReplyTimeout);
            if (cancellationToken.IsCancellationRequested)
            {
                await ReplyAsync(SmtpReplies.ShuttingDown(_server), bound.Token).ConfigureAwait(false);
            }
            else
            {
                _log.LogInformation("SMTP client {Client} cut off: no {What} for {Seconds} s", _session.Client, _dataMode ? "data" : "command", (int)Math.Min(idle.TotalSeconds, Math.Max(0, left.TotalSeconds)));
                await ReplyAsync(SmtpReplies.TimedOut(_server), bound.Token).ConfigureAwait(false);
            }

            CutOff();
            return false;
        }
        catch (IOException)
        {
            CutOff();
            return false;
        }

        _rawStart = 0;
        _rawEnd = read;
        return read > 0;
    }

    /// <summary>Hands over at most one command line; answers VRFY and over-long lines itself.</summary>
    private async ValueTask<int> TakeCommandAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (_rawStart < _rawEnd)
        {
            var b = _raw[_rawStart++];
            if (!_discardingLine)
            {
                if (_lineLength == MaxLineOctets)
                {
                    _discardingLine = true;
                }
                else
                {
                    _line[_lineLength++] = b;
                }
            }

            if (b != '\n')
            {
                continue;
            }

            var length = _lineLength;
            _lineLength = 0;
            if (_discardingLine)
            {
                _discardingLine = false;
                await ReplyAsync(SmtpReplies.Format(SmtpReplies.LineTooLong), cancellationToken).ConfigureAwait(false);
                return 0;
            }

            if (IsVerb(_line.AsSpan(0, length), "VRFY"u8))
            {
                await ReplyAsync(SmtpReplies.CannotVerify, cancellationToken).ConfigureAwait(false);
                return 0;
            }

            // A command line is at most MaxLineOctets and the pipe reader asks for at least its minimum segment (4 KiB).
            var line = _line.AsSpan(0, Math.Min(length, destination.Length));
            line.CopyTo(destination.Span);
            return line.Length;
        }

        return 0;
    }

    /// <summary>Passes message data on until the end of the block, refusing the message once it breaks a limit.</summary>
    private int TakeData(Span<byte> destination)
    {
        var produced = 0;
        while (_rawStart < _rawEnd && produced < destination.Length - Terminator.Length)
        {
            var b = _raw[_rawStart++];
            _dataOctets++;
            _dataLineOctets = b == '\n' ? 0 : _dataLineOctets + 1;
            if (_session.DataRefusal is null)
            {
                if (_dataOctets > _settings.MaxMessageBytes)
                {
                    Refuse(SmtpReplies.TooLarge);
                }
                else if (_dataLineOctets > MaxLineOctets)
                {
                    Refuse(SmtpReplies.LineTooLong);
                }
            }

            _match = b == Terminator[_match] ? _match + 1 : b == Terminator[0] ? 1 : 0;
            if (_session.DataRefusal is null)
            {
                destination[produced++] = b;
            }

            if (_match == Terminator.Length)
            {
                if (_session.DataRefusal is not null)
                {
                    // End the block for SmtpServer where the bytes it already has left off.
                    var rest = Terminator.AsSpan(_forwardedMatch);
                    rest.CopyTo(destination[produced..]);
                    produced += rest.Length;
                }

                _dataMode = false;
                break;
            }
        }

        return produced;
    }

    private void Refuse(SmtpServer.Protocol.SmtpResponse refusal)
    {
        _session.DataRefusal = refusal;
        _forwardedMatch = _match;
        _log.LogInformation("SMTP message from {Client} refused while it streamed in: {Reply}", _session.Client, SmtpReplies.Format(refusal));
    }

    private void Observe(string reply)
    {
        if (reply.StartsWith("354", StringComparison.Ordinal))
        {
            _dataMode = true;
            _dataOctets = 0;
            _dataLineOctets = 0;
            _match = 0;
            _forwardedMatch = 0;
            _session.DataRefusal = null;
        }
        else if (reply.Length >= 3 && reply[0] is '4' or '5' && int.TryParse(reply.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            _counters.Refused(code);
            _log.LogInformation("SMTP client {Client} refused: {Reply}", _session.Client, reply);
        }
    }

    private Task ReplyAsync(string line, CancellationToken cancellationToken)
    {
        Observe(line);
        return WriteRawAsync(line + "\r\n", cancellationToken, flush: true);
    }

    private async Task WriteRawAsync(string text, CancellationToken cancellationToken, bool flush = false)
    {
        try
        {
            await _inner.WriteAsync(Encoding.Latin1.GetBytes(text), cancellationToken).ConfigureAwait(false);
            if (flush)
            {
                await _inner.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            CutOff();
        }
    }

    private void CutOff()
    {
        _closed = true;
        _inner.Dispose();
    }

    private static bool IsVerb(ReadOnlySpan<byte> line, ReadOnlySpan<byte> verb)
        => line.Length >= verb.Length
           && Ascii.EqualsIgnoreCase(line[..verb.Length], verb)
           && (line.Length == verb.Length || line[verb.Length] is (byte)' ' or (byte)'\r' or (byte)'\n');
}
