using System.Collections.Immutable;

namespace MtaActors.Engine.Faults;

/// <summary>
/// Faults on the daemon's own SMTP listener, to test the clients that send to it: set on the pseudo-link
/// <see cref="Name"/> through the same switchboard (and API) as link faults, drawn once per inbound connection (so
/// <see cref="FaultSpec.Toxicity"/> and the seed hold). Only the kinds that mean something for an inbound session are
/// taken; the others are refused with the reason.
/// </summary>
public static class ListenerFaults
{
    /// <summary>The pseudo-link that names the SMTP listener on the switchboard and in <c>/api/links/{name}/faults</c>.</summary>
    public const string Name = "smtp-listener";

    /// <summary>
    /// down: the connection is reset at once, no greeting; hang: connected, never greeted; latency: every reply
    /// waits latency ± jitter; error-rate: a share of sessions hear 421 4.3.2 and are closed; flap: down in its down phase.
    /// </summary>
    public static readonly ImmutableArray<string> Kinds = [FaultKinds.Down, FaultKinds.Hang, FaultKinds.Latency, FaultKinds.ErrorRate, FaultKinds.Flap];

    /// <summary>True for the listener's pseudo-link (case-insensitive, as link names are).</summary>
    public static bool IsListener(string link) => string.Equals(link, Name, StringComparison.OrdinalIgnoreCase);

    /// <summary>Why <paramref name="fault"/> cannot be set on the listener, one line naming the field; null when it can.</summary>
    public static string? Refusal(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        return Kinds.Contains(fault.Kind)
            ? null
            : $"kind: {fault.Kind} has no meaning on the SMTP listener, which takes {string.Join(", ", Kinds)}";
    }
}
