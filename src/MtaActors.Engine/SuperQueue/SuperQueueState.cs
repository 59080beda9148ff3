using System.Collections.Immutable;
using System.Globalization;

namespace MtaActors.Engine.SuperQueue;

/// <summary>The registry as an immutable value: queues by name and the last number handed out.</summary>
public sealed record SuperQueueState(ImmutableDictionary<string, QueueEntry> ByName, int LastNumber)
{
    public static readonly SuperQueueState Empty = new(ImmutableDictionary<string, QueueEntry>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase), 0);

    /// <summary>Events that register the unknown queues among <paramref name="queues"/>.</summary>
    public ImmutableArray<QueueRegistered> Register(IEnumerable<QueueDescriptor> queues)
    {
        var events = ImmutableArray.CreateBuilder<QueueRegistered>();
        var number = LastNumber;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var queue in queues)
        {
            if (ByName.ContainsKey(queue.Name) || !seen.Add(queue.Name))
            {
                continue;
            }

            number++;
            events.Add(new QueueRegistered(new QueueEntry(FormatId(number), queue.Name, queue.Kind, queue.Secured)));
        }

        return events.ToImmutable();
    }

    public SuperQueueState Updated(QueueRegistered registered)
        => new(ByName.SetItem(registered.Queue.Name, registered.Queue), Math.Max(LastNumber, ParseNumber(registered.Queue.Id)));

    public SuperQueueSnapshot ToSnapshot() => new([.. ByName.Values.OrderBy(q => q.Id, StringComparer.Ordinal)], LastNumber);

    public static SuperQueueState From(SuperQueueSnapshot snapshot)
        => new(snapshot.Queues.ToImmutableDictionary(q => q.Name, StringComparer.OrdinalIgnoreCase), snapshot.LastNumber);

    /// <summary>Queue ids in the style of the Exchange MTA database files: Q000001, Q000002...; Q000000 is the work queue.</summary>
    public static string FormatId(int number) => string.Create(CultureInfo.InvariantCulture, $"Q{number:D6}");

    private static int ParseNumber(string id) => int.Parse(id.AsSpan(1), CultureInfo.InvariantCulture);
}
