using System.CommandLine;
using MtaActors.Engine.Hosting;
using MtaActors.Engine.Persistence;
using MtaActors.Host.Commands;
using MtaActors.Host.Daemon;

namespace MtaActors.Host.Operations;

/// <summary>
/// The options of the offline commands (<c>check</c>, <c>export</c>, <c>track</c>) that say where a stopped daemon's
/// data is: <c>--data DIR</c> (default ./data), <c>--journal sqlite|postgres</c>, <c>--connection S</c>.
/// </summary>
internal sealed class JournalOptions
{
    public const string DefaultData = "data";

    public Option<string> Data { get; } = new("--data") { Description = "The stopped daemon's data folder (default ./data)", HelpName = "DIR" };

    public Option<JournalKind?> Journal { get; } = CliOptions.Choice<JournalKind>("--journal", "sqlite (default) or postgres", "KIND", SettingValues.TryParseJournal);

    public Option<string> Connection { get; } = new("--connection") { Description = "Journal connection string (required for postgres)", HelpName = "STRING" };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Journal);
        command.Options.Add(Connection);
    }

    /// <summary>Where the journal is, or a one-line reason why these options cannot name one.</summary>
    public bool TryResolve(ParseResult parse, out JournalLocation location, out string? error)
    {
        var data = parse.GetValue(Data) ?? DefaultData;
        var journal = parse.GetValue(Journal) ?? JournalKind.Sqlite;
        var connection = parse.GetValue(Connection);
        location = new JournalLocation(journal, "", data);
        switch (journal)
        {
            case JournalKind.Memory:
                error = "--journal: memory keeps nothing to read; use sqlite or postgres";
                return false;
            case JournalKind.Postgres when string.IsNullOrWhiteSpace(connection):
                error = "--connection: required with --journal postgres";
                return false;
            case JournalKind.Postgres:
                location = location with { ConnectionString = connection! };
                error = null;
                return true;
        }

        if (connection is not null)
        {
            location = location with { ConnectionString = connection };
            error = null;
            return true;
        }

        var file = Path.Combine(data, "mta.db");
        if (!File.Exists(file))
        {
            // Opening would create an empty journal (auto-initialize): say so instead of checking nothing.
            error = $"{file}: no journal here (is --data right?)";
            return false;
        }

        location = location with { ConnectionString = $"Data Source={file}" };
        error = null;
        return true;
    }
}

/// <summary>A journal to read: its kind, connection string and the data folder it belongs to.</summary>
internal sealed record JournalLocation(JournalKind Journal, string ConnectionString, string DataDirectory)
{
    /// <summary>
    /// On SQLite, what is wrong with the file itself (SQLite's quick check), before an actor system is started on it;
    /// null when it is usable or not SQLite.
    /// </summary>
    public async Task<JournalDamage?> ProbeAsync(bool writes, CancellationToken cancellationToken)
        => Journal == JournalKind.Sqlite
            ? await SqliteJournalProbe.ProbeAsync(ConnectionString, SqliteJournalProbe.Depth.Quick, writes, SqliteJournalProbe.DefaultTimeout, cancellationToken).ConfigureAwait(false)
            : null;
}
