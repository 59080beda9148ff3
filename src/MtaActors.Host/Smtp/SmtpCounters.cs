using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Globalization;
using MtaActors.Engine.Metrics;

namespace MtaActors.Host.Smtp;

/// <summary>
/// What the listener has done since the daemon started: sessions, messages accepted, connections refused for the
/// session limits, and every refusal it answered, by reply code. Thread-safe; sessions update it as they go. Published
/// on the engine's meter (<c>mta_smtp_*</c> in <c>/metrics</c>) as observable totals, read whole at each collection.
/// </summary>
public sealed class SmtpCounters : IDisposable
{
    private readonly Meter _meter = new(MtaInstruments.MeterName);
    private readonly ConcurrentDictionary<int, long> _refusals = new();
    private long _sessions;
    private long _messages;
    private long _connectionsRefused;

    public SmtpCounters()
    {
        _meter.CreateObservableCounter("smtp_sessions_total", () => Sessions, description: "SMTP sessions opened.");
        _meter.CreateObservableCounter("smtp_messages_accepted_total", () => MessagesAccepted, description: "SMTP messages answered 250 after DATA (journaled).");
        _meter.CreateObservableCounter("smtp_connections_refused_total", () => ConnectionsRefused, description: "SMTP connections refused for the session limits.");
        _meter.CreateObservableCounter(
            "smtp_refusals_total",
            () => _refusals.Select(r => new Measurement<long>(r.Value, new KeyValuePair<string, object?>("code", r.Key.ToString(CultureInfo.InvariantCulture)))),
            description: "SMTP refusals (4xx and 5xx replies), by reply code.");
    }

    public long Sessions => Interlocked.Read(ref _sessions);

    public long MessagesAccepted => Interlocked.Read(ref _messages);

    public long ConnectionsRefused => Interlocked.Read(ref _connectionsRefused);

    /// <summary>Refusals (4xx and 5xx replies) by reply code.</summary>
    public ImmutableSortedDictionary<int, long> Refusals => _refusals.ToImmutableSortedDictionary();

    internal void SessionStarted() => Interlocked.Increment(ref _sessions);

    internal void MessageAccepted() => Interlocked.Increment(ref _messages);

    internal void ConnectionRefused() => Interlocked.Increment(ref _connectionsRefused);

    internal void Refused(int code) => _refusals.AddOrUpdate(code, 1, (_, n) => n + 1);

    public void Dispose() => _meter.Dispose();
}
