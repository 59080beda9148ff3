namespace MtaActors.Engine.Delivery;

/// <summary>
/// The running counts and dedup set of one sink. Not thread-safe: the sink guards it with its lock, and the
/// offline counter owns its own instance. Rebuilding it from a log gives exactly the counts the sink had.
/// </summary>
internal sealed class DeliveryTally
{
    private readonly HashSet<DeliveryKey> _delivered = [];

    public long Received { get; private set; }

    public long Delivered { get; private set; }

    public long DuplicatesSuppressed { get; private set; }

    public long Distinct => _delivered.Count;

    public bool Contains(DeliveryKey key) => _delivered.Contains(key);

    /// <summary>Decides a new arrival: delivered, or (with dedup on and the key already seen) suppressed.</summary>
    public DeliveryLogKind Decide(DeliveryKey key, bool deduplicate)
    {
        var first = _delivered.Add(key);
        var kind = first || !deduplicate ? DeliveryLogKind.Delivered : DeliveryLogKind.Suppressed;
        Count(kind);
        return kind;
    }

    /// <summary>Replays a decision already taken and logged.</summary>
    public void Replay(DeliveryLogEntry entry)
    {
        if (entry.Kind == DeliveryLogKind.Delivered)
        {
            _delivered.Add(new DeliveryKey(entry.MessageId, entry.Recipient));
        }

        Count(entry.Kind);
    }

    public SiteCounters Snapshot(string name) => new(name, Received, Delivered, Distinct, DuplicatesSuppressed);

    private void Count(DeliveryLogKind kind)
    {
        Received++;
        if (kind == DeliveryLogKind.Delivered)
        {
            Delivered++;
        }
        else
        {
            DuplicatesSuppressed++;
        }
    }
}
