using System.Collections.Immutable;

namespace MtaActors.Engine.Faults;

/// <summary>The kebab-case names of the fault kinds, as they appear in JSON, the admin API and the switchboard.</summary>
public static class FaultKinds
{
    public const string Down = "down";
    public const string Hang = "hang";
    public const string Latency = "latency";
    public const string Bandwidth = "bandwidth";
    public const string ErrorRate = "error-rate";
    public const string Flap = "flap";
    public const string Corrupt = "corrupt";
    public const string Reset = "reset";
    public const string Crash = "crash";

    /// <summary>Every kind, in the order the documentation lists them.</summary>
    public static readonly ImmutableArray<string> All = [Down, Hang, Latency, Bandwidth, ErrorRate, Flap, Corrupt, Reset, Crash];

    /// <summary>True for a known kind (case-insensitive).</summary>
    public static bool IsKnown(string kind) => All.Contains(kind, StringComparer.OrdinalIgnoreCase);
}
