using System.Collections.Concurrent;
using System.Collections.Immutable;
using MtaActors.Engine.Gateway;

namespace MtaActors.Engine.Metrics;

/// <summary>
/// The latest status each queue published of itself, for gauges that must be read without asking any actor (a
/// scrape must never wait on a stuck link). Queues publish every <see cref="PublishInterval"/> and on each state
/// change; a reading older than <see cref="StaleAfter"/> means the queue has stopped answering its own timer.
/// </summary>
public sealed class QueueBoard
{
    /// <summary>How often a queue publishes its status.</summary>
    public static readonly TimeSpan PublishInterval = TimeSpan.FromSeconds(1);

    /// <summary>A queue silent for this long is shown as unresponsive.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(5);

    /// <summary>The state shown for a queue whose reading is stale.</summary>
    public const string Unresponsive = "unresponsive";

    private readonly ConcurrentDictionary<string, Reading> _readings = new(StringComparer.OrdinalIgnoreCase);

    public void Publish(QueueStatus status) => _readings[status.Name] = new Reading(status, Environment.TickCount64);

    /// <summary>Every queue's latest status, the work queue first, then by name; stale ones marked unresponsive.</summary>
    public ImmutableArray<QueueStatus> Current()
    {
        var now = Environment.TickCount64;
        return [.. _readings.Values
            .Select(r => now - r.PublishedAt > StaleAfter.TotalMilliseconds ? r.Status with { State = Unresponsive } : r.Status)
            .OrderBy(s => s.Kind == "work-queue" ? 0 : 1)
            .ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private sealed record Reading(QueueStatus Status, long PublishedAt);

    /// <summary>The timer message a queue sends itself to publish its status.</summary>
    public sealed record Tick
    {
        public static readonly Tick Instance = new();

        /// <summary>The timer key queues use for it.</summary>
        public const string TimerKey = "queue-board";
    }
}
