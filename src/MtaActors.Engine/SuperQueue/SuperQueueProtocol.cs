using System.Collections.Immutable;

namespace MtaActors.Engine.SuperQueue;

/// <summary>A queue as the registry knows it.</summary>
public sealed record QueueEntry(string Id, string Name, string Kind, bool Secured);

/// <summary>What a queue is, before it has an id.</summary>
public sealed record QueueDescriptor(string Name, string Kind, bool Secured);

/// <summary>Registers queues (idempotent: a known name keeps its id); answered with <see cref="QueuesRegistered"/>.</summary>
public sealed record RegisterQueues(ImmutableArray<QueueDescriptor> Queues);

/// <summary>Every registered queue, the requested ones included, with their stable ids.</summary>
public sealed record QueuesRegistered(ImmutableArray<QueueEntry> Queues);
