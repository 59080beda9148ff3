using MtaActors.Core.Messages;

namespace MtaActors.Engine.Faults;

/// <summary>
/// The transport throws on a transfer that carries a message whose subject contains <see cref="Subject"/> (on every
/// transfer when it is empty): a bug in the connector, or a poison message. The link's session crashes and is
/// restarted; a message on two crashed transfers goes to the poison queue. Probes are not affected.
/// </summary>
public sealed record CrashFault(string Subject) : FaultSpec
{
    public override string Kind => FaultKinds.Crash;

    /// <summary>True when a transfer carrying <paramref name="message"/> crashes.</summary>
    public bool Crashes(Message message) => Subject.Length == 0 || message.Subject.Contains(Subject, StringComparison.Ordinal);
}

/// <summary>What a crashing transport throws: not a transfer failure, an unexpected error (see <see cref="CrashFault"/>).</summary>
public sealed class InjectedCrashException(string message) : Exception(message);
