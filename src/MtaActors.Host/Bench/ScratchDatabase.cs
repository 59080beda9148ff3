using Npgsql;

namespace MtaActors.Host.Bench;

/// <summary>
/// A PostgreSQL database made for one benchmark run and dropped after it. Every run of <c>mta bench --journal postgres</c>
/// gets an empty journal: an engine started on a journal a previous run left (its last completions unwritten when it
/// stopped) would recover those messages and deliver them into the new run's fresh delivery logs, counting them twice.
/// The connection string names the server and an existing database to connect to for CREATE and DROP DATABASE.
/// </summary>
internal sealed class ScratchDatabase : IAsyncDisposable
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);

    private readonly string _adminConnection;
    private readonly string _name;

    private ScratchDatabase(string adminConnection, string name, string connectionString)
    {
        _adminConnection = adminConnection;
        _name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The connection string of the new database.</summary>
    public string ConnectionString { get; }

    public static async Task<ScratchDatabase> CreateAsync(string connection, CancellationToken cancellationToken)
    {
        var name = $"mta_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\"", cancellationToken);
        var scratch = new NpgsqlConnectionStringBuilder(connection) { Database = name }.ConnectionString;
        return new ScratchDatabase(connection, name, scratch);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools(); // the engine's pooled connections would keep the database open
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await ExecuteAsync(_adminConnection, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", timeout.Token);
    }

    private static async Task ExecuteAsync(string connection, string sql, CancellationToken cancellationToken)
    {
        await using var open = new NpgsqlConnection(connection);
        await open.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, open) { CommandTimeout = (int)CommandTimeout.TotalSeconds };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
