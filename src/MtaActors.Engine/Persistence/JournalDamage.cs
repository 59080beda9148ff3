using System.Collections.Immutable;

namespace MtaActors.Engine.Persistence;

/// <summary>
/// Why a SQLite journal file cannot be used, found by <see cref="SqliteJournalProbe"/> before any actor touches it:
/// the file is <see cref="Condition"/> ("damaged", "read-only", ...) because of <see cref="Reason"/> (SQLite's own
/// words where it gave them). <see cref="Details"/> holds what SQLite's check listed, for <c>mta check --verbose</c>.
/// </summary>
public sealed record JournalDamage(string File, string Code, string Condition, string Reason, ImmutableArray<string> Details)
{
    public static JournalDamage Damaged(string file, string reason, ImmutableArray<string> details) => new(file, "journal-damaged", "damaged", reason, details);

    public static JournalDamage ReadOnly(string file, string reason) => new(file, "journal-read-only", "read-only", reason, []);

    public static JournalDamage InUse(string file, string reason) => new(file, "journal-in-use", "in use by another process", reason, []);

    public static JournalDamage Unchecked(string file, string reason) => new(file, "journal-unchecked", "not checkable", reason, []);

    /// <summary>What is wrong, in one line: <c>is damaged: database disk image is malformed</c>.</summary>
    public string Problem => $"is {Condition}: {Reason}";

    /// <summary>The one line <c>mta run</c> prints before it exits 1.</summary>
    public string OneLine => $"journal {File} {Problem}; see mta check --verbose";
}
