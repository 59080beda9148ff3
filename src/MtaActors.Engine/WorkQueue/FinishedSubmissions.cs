namespace MtaActors.Engine.WorkQueue;

/// <summary>
/// The bounded window of finished ids: at most <c>size</c> of them, none finished more than <c>window</c> before the
/// latest. Trimmed only by what the journal says (the finish times it carries), never by the clock, so live running
/// and recovery build the same window; <see cref="Find"/> alone ages entries against now.
/// </summary>
public sealed class FinishedSubmissions(TimeSpan window, int size)
{
    private readonly Dictionary<string, FinishedSubmission> _byId = new(StringComparer.Ordinal);

    // Oldest first. An id finished again (after a reinstatement) leaves its earlier entry here, stale: an entry counts
    // only while it is the very instance _byId holds.
    private readonly Queue<FinishedSubmission> _order = new();

    public int Count => _byId.Count;

    /// <summary>The finished entries, oldest first (the snapshot's order, so recovery trims the same way).</summary>
    public IEnumerable<FinishedSubmission> Entries => _order.Where(IsCurrent);

    public void Add(FinishedSubmission finished)
    {
        _byId[finished.Id] = finished;
        _order.Enqueue(finished);
        Trim(finished.FinishedAt);
    }

    /// <summary>Forgets an id (its message is pending again); answers what was remembered.</summary>
    public FinishedSubmission? Remove(string id) => _byId.Remove(id, out var removed) ? removed : null;

    /// <summary>The entry for <paramref name="id"/>, unless it finished longer than the window ago.</summary>
    public FinishedSubmission? Find(string id, DateTimeOffset now)
        => _byId.TryGetValue(id, out var finished) && finished.FinishedAt > now - window ? finished : null;

    public void Clear()
    {
        _byId.Clear();
        _order.Clear();
    }

    private void Trim(DateTimeOffset latest)
    {
        var oldestKept = latest - window;
        while (_order.TryPeek(out var oldest) && (!IsCurrent(oldest) || _byId.Count > size || oldest.FinishedAt <= oldestKept))
        {
            _order.Dequeue();
            if (IsCurrent(oldest))
            {
                _byId.Remove(oldest.Id);
            }
        }
    }

    private bool IsCurrent(FinishedSubmission entry) => _byId.TryGetValue(entry.Id, out var current) && ReferenceEquals(current, entry);
}
