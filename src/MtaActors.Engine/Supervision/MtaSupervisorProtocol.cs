using System.Collections.Immutable;
using Akka.Actor;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Engine.Supervision;

/// <summary>Answered with <see cref="EngineReady"/> once the tree is up and the work queue accepts mail.</summary>
public sealed record AwaitEngineReady
{
    public static readonly AwaitEngineReady Instance = new();
}

/// <summary>
/// The running tree: the work queue, every outbound queue with its registry id, and the administration store with the
/// state the queues were started in (suspended links, a disabled MTA).
/// </summary>
public sealed record EngineReady(IActorRef WorkQueue, ImmutableArray<RegisteredQueue> Queues)
{
    public IActorRef Administration { get; init; } = ActorRefs.Nobody;

    public Administration.AdministrationState InitialAdministration { get; init; } = Engine.Administration.AdministrationState.Empty;

    /// <summary>The poison queue, with its registry id (not among <see cref="Queues"/>: nothing is routed to it).</summary>
    public RegisteredQueue? PoisonQueue { get; init; }
}

/// <summary>An outbound queue with its stable id from the super queue.</summary>
public sealed record RegisteredQueue(string Id, LinkHandle Handle)
{
    /// <summary>A secured queue whose link left the topology: suspended for good, never resumed by enabling the MTA.</summary>
    public bool Detached { get; init; }
}
