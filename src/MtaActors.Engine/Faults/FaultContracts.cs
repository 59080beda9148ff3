using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json.Serialization;

namespace MtaActors.Engine.Faults;

/// <summary>
/// The wire shape of a fault, one record per kind, told apart by <c>kind</c> (see <see cref="FaultContractConverter"/>).
/// System.Text.Json reads the types (unknown and missing members refused); <see cref="TryToSpec"/> checks the ranges and
/// builds the <see cref="FaultSpec"/>. A new fault kind adds a record here and a line in the converter's table; the
/// members every kind shares (<see cref="Toxicity"/>, <see cref="Persist"/>) are read and checked here, once, by <see cref="TryToFault"/>.
/// </summary>
[JsonConverter(typeof(FaultContractConverter))]
public abstract record FaultContract
{
    /// <summary>The kind as given; the converter has already matched it (case-insensitively) to a known one.</summary>
    public string? Kind { get; init; }

    /// <summary>The probability that the fault applies to one transfer or connection, 0..1; default 1 (always).</summary>
    public double? Toxicity { get; init; }

    /// <summary>True to keep the fault across a daemon restart (see <see cref="FaultSpec.Persist"/>); default false.</summary>
    public bool? Persist { get; init; }

    /// <summary>The names of the members every kind takes, beside its own (see <see cref="FaultContractConverter"/>).</summary>
    internal static readonly string[] SharedMembers = ["toxicity", "persist"];

    /// <summary>Checks the shared members and the kind's own ranges, and builds the fault; the error is one line naming the field.</summary>
    public bool TryToFault([NotNullWhen(true)] out FaultSpec? spec, [NotNullWhen(false)] out string? error)
    {
        if (Toxicity is { } toxicity && toxicity is not (>= 0 and <= 1))
        {
            return Fail($"toxicity: must be between 0 and 1 (got {Format(toxicity)})", out spec, out error);
        }

        if (!TryToSpec(out spec, out error))
        {
            return false;
        }

        spec = Toxicity is { } given ? spec with { Toxicity = given } : spec;
        spec = Persist is true ? spec with { Persist = true } : spec;
        return true;
    }

    /// <summary>Checks the kind's own ranges and builds its fault; the error is one line naming the field.</summary>
    public abstract bool TryToSpec([NotNullWhen(true)] out FaultSpec? spec, [NotNullWhen(false)] out string? error);

    private protected static bool Fail(string error, out FaultSpec? spec, out string message)
    {
        spec = null;
        message = error;
        return false;
    }

    private protected static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds within 0 (or just above, <paramref name="allowZero"/> false) .. <paramref name="max"/>.</summary>
    private protected static string? CheckMilliseconds(string field, double value, bool allowZero, double max)
        => value < 0 || (!allowZero && value == 0) ? $"{field}: must be {(allowZero ? "zero or more" : "more than zero")} milliseconds (got {Format(value)})"
            : value > max ? $"{field}: must be at most {Format(max)} milliseconds (got {Format(value)})"
            : null;

    private protected static TimeSpan Milliseconds(double value) => TimeSpan.FromTicks((long)Math.Round(value * TimeSpan.TicksPerMillisecond));
}

/// <summary><c>{"kind": "down"}</c>.</summary>
public sealed record DownFaultContract : FaultContract
{
    public override bool TryToSpec([NotNullWhen(true)] out FaultSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = DownFault.Instance;
        error = null;
        return true;
    }
}

/// <summary><c>{"kind": "hang"}</c>.</summary>
public sealed record HangFaultContract : FaultContract
{
    public override bool TryToSpec([NotNullWhen(true)] out FaultSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = HangFault.Instance;
        error = null;
        return true;
    }
}

/// <summary><c>{"kind": "latency", "latencyMs": 200, "jitterMs": 50}</c>; each 0..<see cref="FaultLimits.MaxLatencyMs"/>.</summary>
public sealed record LatencyFaultContract : FaultContract
{
    public required double LatencyMs { get; init; }

    public double? JitterMs { get; init; }

    public override bool TryToSpec([NotNullWhen(true)] out FaultSpec? spec, [NotNullWhen(false)] out string? error)
    {
        if ((CheckMilliseconds("latencyMs", LatencyMs, allowZero: true, FaultLimits.MaxLatencyMs)
            ?? CheckMilliseconds("jitterMs", JitterMs ?? 0, allowZero: true, FaultLimits.MaxLatencyMs)) is { } problem)
        {
            return Fail(problem, out spec, out error);
        }

        spec = new LatencyFault(Milliseconds(LatencyMs), Milliseconds(JitterMs ?? 0));
        error = null;
        return true;
    }
}

/// <summary><c>{"kind": "bandwidth", "bytesPerSecond": 10000}</c>; a whole number 1..<see cref="FaultLimits.MaxBytesPerSecond"/>.</summary>
public sealed record BandwidthFaultContract : FaultContract
{
    public required double BytesPerSecond { get; init; }

    public override bool TryToSpec([NotNullWhen(true)] out FaultSpec? spec, [NotNullWhen(false)] out string? error)
    {
        if (BytesPerSecond <= 0 || BytesPerSecond != Math.Floor(BytesPerSecond))
        {
            return Fail($"bytesPerSecond: must be a whole number more than zero (got {Format(BytesPerSecond)})", out spec, out error);
        }

        if (BytesPerSecond > FaultLimits.MaxBytesPerSecond)
        {
            return Fail($"bytesPerSecond: must be at most {FaultLimits.MaxBytesPerSecond} (got {Format(BytesPerSecond)})", out spec, out error);
        }

        spec = new BandwidthFault((long)BytesPerSecond);
        error = null;
        return true;
    }
}

/// <summary><c>{"kind": "error-rate" | "corrupt" | "reset", "rate": 0.2}</c>; a probability, 0..1.</summary>
public sealed record RateFaultContract : FaultContract
{
    public required double Rate { get; init; }

    public override bool TryToSpec([NotNullWhen(true)] out FaultSpec? spec, [NotNullWhen(false)] out string? error)
    {
        if (Rate is not (>= 0 and <= 1))
        {
            return Fail($"rate: must be between 0 and 1 (got {Format(Rate)})", out spec, out error);
        }

        spec = Kind switch
        {
            FaultKinds.Corrupt => new CorruptFault(Rate),
            FaultKinds.Reset => new ResetFault(Rate),
            _ => new ErrorRateFault(Rate),
        };
        error = null;
        return true;
    }
}

/// <summary><c>{"kind": "flap", "upMs": 2000, "downMs": 1000}</c>; each more than 0, at most <see cref="FaultLimits.MaxFlapPhaseMs"/>.</summary>
public sealed record FlapFaultContract : FaultContract
{
    public required double UpMs { get; init; }

    public required double DownMs { get; init; }

    public override bool TryToSpec([NotNullWhen(true)] out FaultSpec? spec, [NotNullWhen(false)] out string? error)
    {
        if ((CheckMilliseconds("upMs", UpMs, allowZero: false, FaultLimits.MaxFlapPhaseMs)
            ?? CheckMilliseconds("downMs", DownMs, allowZero: false, FaultLimits.MaxFlapPhaseMs)) is { } problem)
        {
            return Fail(problem, out spec, out error);
        }

        spec = new FlapFault(Milliseconds(UpMs), Milliseconds(DownMs));
        error = null;
        return true;
    }
}

/// <summary><c>{"kind": "crash", "subject": "POISON"}</c>; no subject crashes every transfer.</summary>
public sealed record CrashFaultContract : FaultContract
{
    public string? Subject { get; init; }

    public override bool TryToSpec([NotNullWhen(true)] out FaultSpec? spec, [NotNullWhen(false)] out string? error)
    {
        spec = new CrashFault(Subject ?? "");
        error = null;
        return true;
    }
}
