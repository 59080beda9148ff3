using Akka.Actor;

namespace MtaActors.Engine.Supervision;

/// <summary>
/// Why <see cref="MtaSupervisor"/> shut the MTA down: a persistent queue stopped (its journal failed, or its recovery
/// did), so the no-loss promise cannot be kept. A host that sees this reason exits non-zero, so that whatever restarts
/// it knows the stop was a failure, not an operator's SIGTERM.
/// </summary>
public sealed class QueueFailureReason : CoordinatedShutdown.Reason
{
    public static readonly QueueFailureReason Instance = new();

    private QueueFailureReason()
    {
    }

    /// <summary>1: the stop was a failure.</summary>
    public override int ExitCode => 1;

    public override string ToString() => "a persistent queue stopped (journal failure)";
}
