using System.Collections.Immutable;
using MtaActors.Core.Messages;
using MtaActors.Engine.Transports;

namespace MtaActors.Engine.Faults;

/// <summary>
/// Wraps a transport and applies the faults the switchboard holds for one link, on every transfer and probe.
/// Order: down and flap-down refuse at once; hang waits for cancellation; latency, jitter and bandwidth delay;
/// error-rate fails transiently; corrupt damages one envelope; reset delivers the first half and then fails; crash
/// throws (before anything else) when the batch carries a message it matches. Which faults apply, and every random
/// draw after that, come from the switchboard's seeded <see cref="FaultDraw"/>.
/// A cancelled wait throws <see cref="OperationCanceledException"/>: the session that set the timeout reports it.
/// </summary>
public sealed class FaultyTransport : ITransport
{
    private readonly ITransport _inner;
    private readonly string _link;
    private readonly FaultSwitchboard _switchboard;
    private readonly TimeProvider _time;

    /// <param name="inner">The transport that reaches the far end.</param>
    /// <param name="link">The link whose faults apply (case-insensitive).</param>
    /// <param name="switchboard">The live faults.</param>
    /// <param name="time">The clock for delays and flap phases; the switchboard should share it.</param>
    public FaultyTransport(ITransport inner, string link, FaultSwitchboard switchboard, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentException.ThrowIfNullOrWhiteSpace(link);
        ArgumentNullException.ThrowIfNull(switchboard);
        ArgumentNullException.ThrowIfNull(time);
        _inner = inner;
        _link = link;
        _switchboard = switchboard;
        _time = time;
    }

    public Task<TransferOutcome> TransferAsync(IReadOnlyList<Envelope> batch, CancellationToken cancellationToken)
    {
        // Hot path: with no faults anywhere this is one volatile read and the inner call.
        if (_switchboard.IsEmpty)
        {
            return _inner.TransferAsync(batch, cancellationToken);
        }

        var draw = _switchboard.Draw(_link);
        return draw.IsEmpty ? _inner.TransferAsync(batch, cancellationToken) : TransferWithFaultsAsync(batch, draw, cancellationToken);
    }

    public Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_switchboard.IsEmpty)
        {
            return _inner.ProbeAsync(cancellationToken);
        }

        var draw = _switchboard.Draw(_link);
        return draw.IsEmpty ? _inner.ProbeAsync(cancellationToken) : ProbeWithFaultsAsync(draw, cancellationToken);
    }

    private async Task<TransferOutcome> TransferWithFaultsAsync(
        IReadOnlyList<Envelope> batch, FaultDraw faults, CancellationToken cancellationToken)
    {
        if (Refusal(faults.Faults) is { } refused)
        {
            return refused;
        }

        if (faults.Find<CrashFault>() is { } crash && batch.FirstOrDefault(e => crash.Crashes(e.Message)) is { } culprit)
        {
            throw new InjectedCrashException($"injected crash on {_link} carrying {culprit.MessageId}");
        }

        await HangIfHungAsync(faults, cancellationToken);
        await DelayAsync(faults.Find<LatencyFault>(), faults.Find<BandwidthFault>(), batch, faults.Dice, cancellationToken);

        if (faults.Find<ErrorRateFault>() is { } errorRate && faults.Dice.Roll(errorRate.Rate))
        {
            return new TransferOutcome.Failure(TransferFailure.Transient, $"injected transient error on {_link}");
        }

        var payload = faults.Find<CorruptFault>() is { } corrupt && batch.Count > 0 && faults.Dice.Roll(corrupt.Rate)
            ? DamageOne(batch, faults.Dice)
            : batch;

        if (faults.Find<ResetFault>() is { } reset && faults.Dice.Roll(reset.Rate))
        {
            var half = payload.Count / 2;
            if (half > 0)
            {
                // What the far end made of the first half does not matter: the association is gone either way.
                _ = await _inner.TransferAsync(payload.Take(half).ToArray(), cancellationToken);
            }

            return new TransferOutcome.Failure(
                TransferFailure.Reset, $"injected reset on {_link} after {half} of {payload.Count} envelopes");
        }

        return await _inner.TransferAsync(payload, cancellationToken);
    }

    private async Task<TransferOutcome> ProbeWithFaultsAsync(FaultDraw faults, CancellationToken cancellationToken)
    {
        if (Refusal(faults.Faults) is { } refused)
        {
            return refused;
        }

        await HangIfHungAsync(faults, cancellationToken);
        await DelayAsync(faults.Find<LatencyFault>(), bandwidth: null, [], faults.Dice, cancellationToken);

        if (faults.Find<ErrorRateFault>() is { } errorRate && faults.Dice.Roll(errorRate.Rate))
        {
            return new TransferOutcome.Failure(TransferFailure.Transient, $"injected transient error on {_link}");
        }

        return await _inner.ProbeAsync(cancellationToken);
    }

    private TransferOutcome.Failure? Refusal(ImmutableArray<ActiveFault> faults)
    {
        foreach (var fault in faults)
        {
            switch (fault.Spec)
            {
                case DownFault:
                    return new TransferOutcome.Failure(TransferFailure.Refused, $"injected fault: {_link} is down");
                case FlapFault flap when flap.IsDownAfter(_time.GetUtcNow() - fault.Since):
                    return new TransferOutcome.Failure(TransferFailure.Refused, $"injected fault: {_link} is flapping (down phase)");
            }
        }

        return null;
    }

    private Task HangIfHungAsync(FaultDraw faults, CancellationToken cancellationToken)
        => faults.Find<HangFault>() is null
            ? Task.CompletedTask
            : Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken);

    private Task DelayAsync(LatencyFault? latency, BandwidthFault? bandwidth, IReadOnlyList<Envelope> batch, FaultDice dice, CancellationToken cancellationToken)
    {
        var delay = DelayFor(latency, bandwidth, batch, dice);
        return delay > TimeSpan.Zero ? Task.Delay(delay, _time, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>
    /// The wait latency, jitter and bandwidth impose on <paramref name="batch"/> (one roll of the jitter dice). Summed in
    /// doubles and saturated at <see cref="FaultLimits.MaxDelay"/>: sizes that overflow a long, or a latency plus a
    /// bandwidth delay beyond <see cref="TimeSpan.MaxValue"/>, still mean "a long wait", never an exception in the session.
    /// </summary>
    internal static TimeSpan DelayFor(LatencyFault? latency, BandwidthFault? bandwidth, IReadOnlyList<Envelope> batch, FaultDice dice)
    {
        double ticks = 0;
        if (latency is not null)
        {
            ticks += latency.Latency.Ticks;
            if (latency.Jitter > TimeSpan.Zero)
            {
                var offset = (dice.NextDouble() * 2) - 1;
                ticks += latency.Jitter.Ticks * offset;
            }
        }

        if (bandwidth is not null)
        {
            long bytes = 0;
            foreach (var envelope in batch)
            {
                bytes = SaturatingAdd(bytes, envelope.Message.SizeBytes);
            }

            ticks += bandwidth.DelayFor(bytes).Ticks;
        }

        return FaultLimits.Saturate(ticks);
    }

    private static long SaturatingAdd(long sum, long size)
        => size <= 0 ? sum : sum > long.MaxValue - size ? long.MaxValue : sum + size;

    private static Envelope[] DamageOne(IReadOnlyList<Envelope> batch, FaultDice dice)
    {
        var copy = batch.ToArray();
        var index = (int)(dice.NextDouble() * copy.Length);
        var envelope = copy[index];
        copy[index] = envelope with { Message = envelope.Message with { Body = PayloadDamage.Damage(envelope.Message.Body) } };
        return copy;
    }
}
