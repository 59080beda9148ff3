using System.Collections.Immutable;
using Akka.Actor;
using MtaActors.Engine.WorkQueue;

namespace MtaActors.Engine.Supervision;

/// <summary>Answered with <see cref="EngineReady"/> once the tree is up and the work queue accepts mail.</summary>
public sealed record AwaitEngineReady
{
    public static readonly AwaitEngineReady Instance = new();
}

/// <summary>The running tree: the work queue and every outbound queue with its registry id.</summary>
public sealed record EngineReady(IActorRef WorkQueue, ImmutableArray<RegisteredQueue> Queues);

/// <summary>An outbound queue with its stable id from the super queue.</summary>
public sealed record RegisteredQueue(string Id, LinkHandle Handle);
