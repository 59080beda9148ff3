namespace MtaActors.Engine.Delivery;

/// <summary>
/// The running counts and dedup set of one sink. Not thread-safe: the sink guards it with its lock, and the
/// offline counter owns its own instance. Rebuilding it from a log gives exactly the counts the sink had.
/// </summary>
/// <remarks>
/// An arrival is a duplicate when its (id, recipient) was delivered with the same content fingerprint: a message
/// delivered again after a crash, or resubmitted with the same content, is suppressed, while a different message
/// under an id reused past the work queue's window is delivered. A delivery of unknown content (a log line from
/// before fingerprints) matches every content, so an upgraded sink suppresses as the old one did.
/// </remarks>
internal sealed class DeliveryTally
{
    // The first content delivered per (id, recipient); null for unknown content. Further contents of the same pair
    // (only ever an id reused past the window) go to _laterContents, so the usual case costs one dictionary entry.
    private readonly Dictionary<DeliveryKey, ulong?> _delivered = [];
    private readonly HashSet<(DeliveryKey Key, ulong Content)> _laterContents = [];

    public long Received { get; private set; }

    public long Delivered { get; private set; }

    public long DuplicatesSuppressed { get; private set; }

    /// <summary>Distinct (message content, recipient) pairs delivered.</summary>
    public long Distinct => _delivered.Count + _laterContents.Count;

    /// <summary>Whether the recipient got the message id, whatever its content.</summary>
    public bool Contains(DeliveryKey key) => _delivered.ContainsKey(key);

    /// <summary>Decides a new arrival: delivered, or (with dedup on and that content already delivered) suppressed.</summary>
    public DeliveryLogKind Decide(DeliveryKey key, ulong content, bool deduplicate)
    {
        var first = Remember(key, content);
        var kind = first || !deduplicate ? DeliveryLogKind.Delivered : DeliveryLogKind.Suppressed;
        Count(kind);
        return kind;
    }

    /// <summary>Replays a decision already taken and logged.</summary>
    public void Replay(DeliveryLogEntry entry)
    {
        if (entry.Kind == DeliveryLogKind.Delivered)
        {
            var key = new DeliveryKey(entry.MessageId, entry.Recipient);
            if (entry.Content is { } content)
            {
                Remember(key, content);
            }
            else
            {
                _delivered[key] = null;
            }
        }

        Count(entry.Kind);
    }

    public SiteCounters Snapshot(string name) => new(name, Received, Delivered, Distinct, DuplicatesSuppressed);

    /// <summary>Records a delivery of <paramref name="content"/>; false when it (or unknown content) was delivered before.</summary>
    private bool Remember(DeliveryKey key, ulong content)
    {
        if (_delivered.TryAdd(key, content))
        {
            return true;
        }

        return _delivered[key] is { } firstContent && firstContent != content && _laterContents.Add((key, content));
    }

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
