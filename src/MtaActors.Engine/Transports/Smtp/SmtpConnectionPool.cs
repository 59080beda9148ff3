using System.Collections.Concurrent;
using MtaActors.Core.Topology;

namespace MtaActors.Engine.Transports.Smtp;

/// <summary>
/// The connections of one link to its SMTP far end: at most <see cref="SmtpRelay.Connections"/> in use at once, idle ones
/// kept for the next transaction (a connection, its greeting and its EHLO cost three round trips). One idle longer than
/// <see cref="ProbeIdleAfter"/> is checked with NOOP before reuse, since servers close connections they find idle.
/// </summary>
internal sealed class SmtpConnectionPool : IAsyncDisposable
{
    public static readonly TimeSpan ProbeIdleAfter = TimeSpan.FromSeconds(10);

    private readonly SmtpRelay _relay;
    private readonly string _localDomain;
    private readonly ISmtpDialer _dialer;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentStack<SmtpConnection> _idle = new();
    private int _disposed;

    public SmtpConnectionPool(SmtpRelay relay, string localDomain, ISmtpDialer dialer, TimeProvider time)
    {
        _relay = relay;
        _localDomain = localDomain;
        _dialer = dialer;
        _time = time;
        _slots = new SemaphoreSlim(relay.Connections, relay.Connections);
    }

    /// <summary>An open connection for one transaction; give it back with <see cref="Return"/> or <see cref="DiscardAsync"/>.</summary>
    public async Task<SmtpConnection> RentAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (_idle.TryPop(out var idle))
            {
                if (idle.IsOpen && await StillAnswersAsync(idle, cancellationToken).ConfigureAwait(false))
                {
                    return idle;
                }

                await idle.DisposeAsync().ConfigureAwait(false);
            }

            return await SmtpConnection.OpenAsync(_relay, _localDomain, _dialer, _time, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    public void Return(SmtpConnection connection)
    {
        connection.IdleSince = _time.GetTimestamp();
        if (Volatile.Read(ref _disposed) == 0)
        {
            _idle.Push(connection);
        }
        else
        {
            connection.Client.Dispose();
        }

        _slots.Release();
    }

    public async Task DiscardAsync(SmtpConnection connection)
    {
        await connection.DisposeAsync().ConfigureAwait(false);
        _slots.Release();
    }

    public async ValueTask DisposeAsync()
    {
        Interlocked.Exchange(ref _disposed, 1);
        while (_idle.TryPop(out var idle))
        {
            await idle.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<bool> StillAnswersAsync(SmtpConnection connection, CancellationToken cancellationToken)
    {
        if (_time.GetElapsedTime(connection.IdleSince) < ProbeIdleAfter)
        {
            return true;
        }

        try
        {
            await connection.Client.NoOpAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }
}
