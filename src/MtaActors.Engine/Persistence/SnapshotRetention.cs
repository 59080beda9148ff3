using Akka.Persistence;

namespace MtaActors.Engine.Persistence;

/// <summary>
/// What a persistent queue may delete once a snapshot is saved: the events and snapshots older than the snapshot
/// <em>before</em> it, never those it covers. The journal so holds the last two snapshots and every event after the
/// older one, and losing the newest snapshot (a deleted or damaged row) loses nothing: recovery falls back to the
/// older snapshot and replays the events since. The price is at most one more snapshot interval of events.
/// </summary>
internal sealed class SnapshotRetention
{
    /// <summary>The sequence number of the newest snapshot before the latest one (0: none yet).</summary>
    private long _previous;

    /// <summary>Recovery started from this snapshot: it is the one kept when the next is saved.</summary>
    public void Offered(SnapshotMetadata offered) => _previous = offered.SequenceNr;

    /// <summary>
    /// A snapshot was saved: returns the sequence number up to which events may be deleted, and below which snapshots
    /// may (the previous snapshot itself stays), or null while there is no previous snapshot to fall back to.
    /// </summary>
    public long? Saved(SnapshotMetadata saved)
    {
        var previous = _previous;
        _previous = saved.SequenceNr;
        return previous > 0 ? previous : null;
    }
}
