namespace MtaActors.Host.Bench;

/// <summary>One look at the queues during a run: the work queue (accepted, not yet handed to a link) and the sum of every link queue.</summary>
internal readonly record struct QueueSample(int WorkQueue, int LinkQueues);
