using System.Globalization;
using Npgsql;
using Xunit;

namespace MtaActors.Tests.Common.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for a test run: initdb into a temp folder, started on a free loopback port (no
/// fsync: nothing here must survive a power cut), stopped and deleted at the end. Specs isolate themselves with a
/// database each (<see cref="CreateDatabaseAsync"/>). Used as an xunit collection fixture (see <see cref="PostgresCollection"/>).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string User = "mta";

    private static readonly TimeSpan InitTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SqlTimeout = TimeSpan.FromSeconds(30);
    private const int StartAttempts = 3;

    private readonly string _bin;
    private readonly TempDirectory _folder;
    private bool _running;

    /// <summary>Finds the binaries; fails at once (with how to install them) when PostgreSQL is not there.</summary>
    public PostgresServer()
    {
        _bin = PostgresBinaries.Require();
        _folder = new TempDirectory("mta-pg");
    }

    /// <summary>The loopback port the server listens on, once started.</summary>
    public int Port { get; private set; }

    private string DataDirectory => _folder.File("data");

    private string LogFile => _folder.File("server.log");

    /// <summary>The server's log so far, for failure messages.</summary>
    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log)";

    /// <summary>A connection string to <paramref name="database"/> on this server as the trusted user <see cref="User"/>.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = User,
        Database = database,
    }.ConnectionString;

    /// <summary>Creates an empty database <c>t_{guid}</c> and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken = default)
    {
        var name = $"t_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name}", cancellationToken).ConfigureAwait(false);
        return name;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>, closing what still holds a connection to it.</summary>
    public async Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        using (var pooled = new NpgsqlConnection(ConnectionString(database)))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlCommandBuilder().QuoteIdentifier(database)} WITH (FORCE)", cancellationToken).ConfigureAwait(false);
    }

    public async Task InitializeAsync()
    {
        try
        {
            await StartAsync().ConfigureAwait(false);
        }
        catch
        {
            // xunit does not dispose a fixture whose initialisation failed: leave no server or folder behind.
            try
            {
                await DisposeAsync().ConfigureAwait(false);
            }
            catch (InvalidOperationException)
            {
                // The failure that stopped the start is the one worth reporting.
            }

            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_running)
            {
                NpgsqlConnection.ClearAllPools();
                await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], StopTimeout).ConfigureAwait(false);
                _running = false;
            }
        }
        finally
        {
            _folder.Dispose();
        }
    }

    private async Task StartAsync()
    {
        if (PostgresCommand.RunsAsServiceUser)
        {
            // initdb and the server run as the postgres user: it must own the folder it writes its data and socket to.
            await PostgresCommand.RunAsync("chown", ["-R", PostgresCommand.ServiceUser, _folder.Path], _folder.Path, InitTimeout).ConfigureAwait(false);
        }

        await RunAsync("initdb", ["-D", DataDirectory, "-A", "trust", "-U", User, "--no-sync", "-E", "UTF8", "--locale", "C"], InitTimeout).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            Port = FreePort.Next();
            try
            {
                // -k: the Unix socket goes to our folder, not /var/run/postgresql (which may not exist or be someone else's).
                var options = string.Create(CultureInfo.InvariantCulture, $"-h 127.0.0.1 -p {Port} -k '{_folder.Path}' -F");
                _running = true; // from here on a failure may have left a server behind: dispose stops it
                await RunAsync("pg_ctl", ["-D", DataDirectory, "-o", options, "-l", LogFile, "-w", "-t", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "start"], StartTimeout + TimeSpan.FromSeconds(10)).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts && Log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                // Someone took the free port between our probe and the server's bind: try another.
                _running = false;
                File.Delete(LogFile);
            }
        }
    }

    private async Task RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout)
    {
        try
        {
            await PostgresCommand.RunToolAsync(Path.Combine(_bin, tool), arguments, _folder.Path, timeout).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"PostgreSQL {tool} failed: {e.Message}\n--- server log ---\n{Log}", e);
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(SqlTimeout);
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(limit.Token).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = (int)SqlTimeout.TotalSeconds };
        await command.ExecuteNonQueryAsync(limit.Token).ConfigureAwait(false);
    }
}
