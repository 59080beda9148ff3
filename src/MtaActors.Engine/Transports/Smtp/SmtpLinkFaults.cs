using System.Collections.Immutable;
using System.Net.Sockets;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Faults;

namespace MtaActors.Engine.Transports.Smtp;

/// <summary>
/// The fault switchboard's kinds as they apply to one SMTP link: at its connections, so that the harness works against a
/// real server. <c>down</c> (and a flap's down phase) refuses new connections and drops open ones; <c>hang</c> leaves a
/// connection open and never delivers the far end's answers (only the transfer timeout ends it); <c>latency</c>/jitter
/// and <c>bandwidth</c> slow every read and write; <c>reset</c> drops a connection in the middle of a message's DATA;
/// <c>error-rate</c> answers a share of transactions 451 (transient) without sending them; <c>crash</c> throws on a
/// transfer carrying a matching message, as on any link. <c>corrupt</c> has no meaning here: the far end checks no
/// checksum of ours. Faults are read live, so one set while connections sit in the pool reaches them too.
/// </summary>
public sealed class SmtpLinkFaults
{
    /// <summary>The kinds an SMTP link applies; the fault API refuses the others.</summary>
    public static readonly ImmutableArray<string> Supported =
        [FaultKinds.Down, FaultKinds.Hang, FaultKinds.Latency, FaultKinds.Bandwidth, FaultKinds.ErrorRate, FaultKinds.Flap, FaultKinds.Reset, FaultKinds.Crash];

    private readonly string _link;
    private readonly FaultSwitchboard _switchboard;
    private readonly Random? _random;

    /// <param name="link">The link whose faults apply (case-insensitive); the switchboard learns which kinds it takes.</param>
    /// <param name="switchboard">The live faults.</param>
    /// <param name="time">The clock for delays and flap phases; the switchboard should share it.</param>
    /// <param name="random">Dice for rates and jitter; a seeded one makes tests repeatable. Defaults to <see cref="Random.Shared"/>.</param>
    public SmtpLinkFaults(string link, FaultSwitchboard switchboard, TimeProvider time, Random? random = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(link);
        ArgumentNullException.ThrowIfNull(switchboard);
        ArgumentNullException.ThrowIfNull(time);
        _link = link;
        _switchboard = switchboard;
        Time = time;
        _random = random;
        switchboard.Support.Limit(link, Supported, "SMTP");
    }

    internal TimeProvider Time { get; }

    /// <summary>A dialer that refuses while the link is down and hands out connections that feel the link's faults.</summary>
    public ISmtpDialer Around(ISmtpDialer inner) => new Dialer(inner, this);

    /// <summary>The faults set on the link now (one volatile read when there are none anywhere).</summary>
    internal ImmutableArray<ActiveFault> Active => _switchboard.IsEmpty ? [] : _switchboard.GetActive(_link);

    /// <summary>Why the link refuses connections now (down, or a flap in its down phase), or null.</summary>
    internal string? Refusal(ImmutableArray<ActiveFault> faults)
    {
        foreach (var fault in faults)
        {
            switch (fault.Spec)
            {
                case DownFault:
                    return $"injected fault: {_link} is down";
                case FlapFault flap when flap.IsDownAfter(Time.GetUtcNow() - fault.Since):
                    return $"injected fault: {_link} is flapping (down phase)";
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="InjectedCrashException"/> when a crash fault matches a message of the batch.</summary>
    internal void CrashIfCarrying(IReadOnlyList<Envelope> batch)
    {
        if (Find<CrashFault>(Active) is { } crash && batch.FirstOrDefault(e => crash.Crashes(e.Message)) is { } culprit)
        {
            throw new InjectedCrashException($"injected crash on {_link} carrying {culprit.MessageId}");
        }
    }

    /// <summary>The 451 an error-rate fault answers for this transaction, or null to let it go through.</summary>
    internal string? TransactionError()
        => Find<ErrorRateFault>(Active) is { } errorRate && Roll(errorRate.Rate) ? "451 4.3.0 injected transient error" : null;

    /// <summary>Whether a reset fault drops the connection in this message's DATA.</summary>
    internal bool ResetsData(ImmutableArray<ActiveFault> faults) => Find<ResetFault>(faults) is { } reset && Roll(reset.Rate);

    /// <summary>The wait one read or write of <paramref name="bytes"/> octets takes under latency, jitter and bandwidth.</summary>
    internal TimeSpan DelayFor(ImmutableArray<ActiveFault> faults, int bytes)
    {
        double ticks = 0;
        if (Find<LatencyFault>(faults) is { } latency)
        {
            ticks += latency.Latency.Ticks + (latency.Jitter > TimeSpan.Zero ? latency.Jitter.Ticks * ((NextDouble() * 2) - 1) : 0);
        }

        if (Find<BandwidthFault>(faults) is { } bandwidth)
        {
            ticks += bandwidth.DelayFor(bytes).Ticks;
        }

        return FaultLimits.Saturate(ticks);
    }

    internal static bool Hangs(ImmutableArray<ActiveFault> faults) => Find<HangFault>(faults) is not null;

    internal static T? Find<T>(ImmutableArray<ActiveFault> faults)
        where T : FaultSpec
    {
        foreach (var fault in faults)
        {
            if (fault.Spec is T match)
            {
                return match;
            }
        }

        return null;
    }

    private bool Roll(double rate) => rate >= 1 || (rate > 0 && NextDouble() < rate);

    private double NextDouble()
    {
        if (_random is null)
        {
            return Random.Shared.NextDouble();
        }

        // A seeded Random is not thread-safe, and a link's connections work in parallel.
        lock (_random)
        {
            return _random.NextDouble();
        }
    }

    private sealed class Dialer(ISmtpDialer inner, SmtpLinkFaults faults) : ISmtpDialer
    {
        public async Task<Stream> DialAsync(SmtpRelay relay, CancellationToken cancellationToken)
        {
            if (faults.Refusal(faults.Active) is not null)
            {
                throw new SocketException((int)SocketError.ConnectionRefused);
            }

            return new FaultyConnectionStream(await inner.DialAsync(relay, cancellationToken).ConfigureAwait(false), faults);
        }
    }
}
