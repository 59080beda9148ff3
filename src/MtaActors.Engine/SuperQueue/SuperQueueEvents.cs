using System.Collections.Immutable;
using MtaActors.Engine.Persistence;

namespace MtaActors.Engine.SuperQueue;

/// <summary>A queue got its id. Ids are never reused.</summary>
public sealed record QueueRegistered(QueueEntry Queue) : IPersistedEvent;

/// <summary>The whole registry at one sequence number.</summary>
public sealed record SuperQueueSnapshot(ImmutableArray<QueueEntry> Queues, int LastNumber) : IPersistedEvent;
