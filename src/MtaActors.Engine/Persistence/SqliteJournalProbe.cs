using System.Collections.Immutable;
using Microsoft.Data.Sqlite;

namespace MtaActors.Engine.Persistence;

/// <summary>
/// Looks at a SQLite journal file with SQLite's own tools before Akka.Persistence opens it: a damaged file otherwise
/// surfaces as journal timeouts and retries after tens of seconds, behind pages of stack traces. It runs
/// <c>PRAGMA quick_check</c> (<see cref="Depth.Quick"/>, at every start) or <c>PRAGMA integrity_check</c>
/// (<see cref="Depth.Full"/>, <c>mta check</c>: it also compares every index with its table), then looks for rows
/// that share a (persistence id, sequence number), which no journal write can leave and which make the unique index
/// fail. The probe only reads (SQLite itself may roll back an interrupted write first); it is bounded by a timeout.
/// </summary>
public static class SqliteJournalProbe
{
    /// <summary>How thorough the check is.</summary>
    public enum Depth
    {
        /// <summary><c>PRAGMA quick_check</c>: every page and row, no index-to-table comparison; for each start.</summary>
        Quick,

        /// <summary><c>PRAGMA integrity_check</c>: also every index against its table; for <c>mta check</c>.</summary>
        Full,
    }

    /// <summary>Default bound of the whole probe (a journal of 100,000 queued messages checks in a few seconds).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    /// <summary>At most this many lines of SQLite's report are kept.</summary>
    private const int MaxDetails = 20;

    /// <summary>
    /// Null when the file is usable (or absent: a first start creates it), else what is wrong with it.
    /// </summary>
    /// <param name="connectionString">The journal's SQLite connection string (<c>Data Source=...</c>).</param>
    /// <param name="depth">How thorough.</param>
    /// <param name="requireWritable">True for a daemon, which writes; an offline check only reads.</param>
    /// <param name="timeout">Bound of the whole probe.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public static async Task<JournalDamage?> ProbeAsync(string connectionString, Depth depth, bool requireWritable, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:" || !File.Exists(source))
        {
            return null;
        }

        if (requireWritable && ReadOnlyReason(source) is { } readOnly)
        {
            return JournalDamage.ReadOnly(source, readOnly);
        }

        // Microsoft.Data.Sqlite runs its "async" calls synchronously: run the check off the caller's thread so the
        // wait, at least, is bounded even if SQLite takes long over a huge file.
        var check = Task.Run(() => Check(source, depth), CancellationToken.None);
        try
        {
            return await check.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return JournalDamage.Unchecked(source, $"SQLite's integrity check did not finish within {timeout.TotalSeconds:0} s");
        }
    }

    private static string? ReadOnlyReason(string file)
    {
        // The owner's write bit is the operator's word even for root, whom the kernel would let write anyway.
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(file) & UnixFileMode.UserWrite) == 0)
        {
            return "the file has no write permission";
        }

        if ((File.GetAttributes(file) & FileAttributes.ReadOnly) != 0)
        {
            return "the file is marked read-only";
        }

        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            return null;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return e.Message;
        }
    }

    private static JournalDamage? Check(string file, Depth depth)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = file,
            // Read-write, never create: a daemon killed mid-write leaves a hot rollback journal, which SQLite rolls
            // back on the first read, as the daemon's own connection would; a read-only connection cannot, and would
            // call a journal damaged that is merely interrupted. The probe itself writes nothing.
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 10,
        };
        try
        {
            using var connection = new SqliteConnection(builder.ToString());
            connection.Open();
            var report = Rows(connection, depth == Depth.Full ? $"PRAGMA integrity_check({MaxDetails})" : $"PRAGMA quick_check({MaxDetails})");
            if (report is not ["ok"])
            {
                return JournalDamage.Damaged(file, Summary(report), [.. report]);
            }

            var duplicates = Duplicates(connection);
            return duplicates.IsEmpty
                ? null
                : JournalDamage.Damaged(file, $"duplicate rows: {duplicates.Length} (persistence id, sequence number) pairs are stored more than once, which the unique index forbids (e.g. {duplicates[0]})", duplicates);
        }
        catch (SqliteException e)
        {
            var reason = Reason(e);
            return e.SqliteErrorCode switch
            {
                5 or 6 => JournalDamage.InUse(file, $"{reason}: stop the daemon first"), // SQLITE_BUSY, SQLITE_LOCKED
                8 => JournalDamage.ReadOnly(file, reason), // SQLITE_READONLY: e.g. a hot journal on a file it cannot write
                _ => JournalDamage.Damaged(file, reason, [e.Message]),
            };
        }
    }

    private static string Summary(List<string> report)
        => report.Count switch
        {
            0 => "SQLite's integrity check returned nothing",
            1 => $"database disk image is malformed ({report[0]})",
            _ => $"database disk image is malformed ({report[0]}, and {report.Count - 1} more)",
        };

    private static ImmutableArray<string> Duplicates(SqliteConnection connection)
    {
        var found = ImmutableArray.CreateBuilder<string>();
        foreach (var table in new[] { "journal", "snapshot" })
        {
            if (Rows(connection, $"SELECT name FROM sqlite_master WHERE type = 'table' AND name = '{table}'").Count == 0)
            {
                continue;
            }

            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT persistence_id, sequence_number, COUNT(*) FROM {table} GROUP BY persistence_id, sequence_number HAVING COUNT(*) > 1 LIMIT {MaxDetails}";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                found.Add($"{table} row {reader.GetString(0)} #{reader.GetInt64(1)} stored {reader.GetInt64(2)} times");
            }
        }

        return found.ToImmutable();
    }

    private static List<string> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.IsDBNull(0) ? "" : reader.GetValue(0).ToString() ?? "");
        }

        return rows;
    }

    /// <summary>SQLite's own words ("file is not a database"), without the driver's "SQLite Error 26: '...'." wrapping.</summary>
    private static string Reason(SqliteException e)
    {
        var message = e.Message;
        var first = message.IndexOf('\'', StringComparison.Ordinal);
        var last = message.LastIndexOf('\'');
        return first >= 0 && last > first ? message[(first + 1)..last] : message;
    }
}
