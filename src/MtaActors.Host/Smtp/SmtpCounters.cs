using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace MtaActors.Host.Smtp;

/// <summary>
/// What the listener has done since the daemon started: sessions, messages accepted, connections refused for the
/// session limits, and every refusal it answered, by reply code. Thread-safe; sessions update it as they go.
/// </summary>
public sealed class SmtpCounters
{
    private readonly ConcurrentDictionary<int, long> _refusals = new();
    private long _sessions;
    private long _messages;
    private long _connectionsRefused;

    public long Sessions => Interlocked.Read(ref _sessions);

    public long MessagesAccepted => Interlocked.Read(ref _messages);

    public long ConnectionsRefused => Interlocked.Read(ref _connectionsRefused);

    /// <summary>Refusals (4xx and 5xx replies) by reply code.</summary>
    public ImmutableSortedDictionary<int, long> Refusals => _refusals.ToImmutableSortedDictionary();

    internal void SessionStarted() => Interlocked.Increment(ref _sessions);

    internal void MessageAccepted() => Interlocked.Increment(ref _messages);

    internal void ConnectionRefused() => Interlocked.Increment(ref _connectionsRefused);

    internal void Refused(int code) => _refusals.AddOrUpdate(code, 1, (_, n) => n + 1);
}
