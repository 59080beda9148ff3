using System.Collections.Immutable;

namespace MtaActors.Engine.Inspection;

/// <summary>
/// What the journal holds for one persistence id, read offline: the latest snapshot (if any) and the events after it.
/// <see cref="ReadError"/> is set when its snapshot or events could not be read or deserialized; the rest is then partial.
/// <see cref="ReadErrorCode"/> says which: <see cref="Unreadable"/>, or <see cref="ChecksumMismatch"/> for content
/// damaged after it was written.
/// </summary>
public sealed record JournalEntity(
    string PersistenceId,
    long SnapshotSequenceNr,
    object? Snapshot,
    ImmutableArray<JournalEvent> Events,
    string? ReadError,
    string ReadErrorCode = JournalEntity.Unreadable)
{
    public const string Unreadable = "unreadable";

    public const string ChecksumMismatch = "checksum-mismatch";

    /// <summary>True when the journal holds nothing at all for this id (never written, or every row deleted).</summary>
    public bool IsEmpty => Snapshot is null && Events.IsEmpty && ReadError is null;
}

/// <summary>One journaled event with its sequence number.</summary>
public sealed record JournalEvent(long SequenceNr, object Payload);
