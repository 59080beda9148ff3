using System.Text.Json;
using MtaActors.Tests.Common.Postgres;

namespace MtaActors.Host.Tests.Bench;

/// <summary>
/// <c>mta bench --journal postgres</c> on a throwaway server: with a warm-up, the measured run still records exactly its
/// own messages (each run journals into a scratch database of its own, so nothing of the warm-up is recovered and
/// delivered again), and the scratch databases are dropped afterwards.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class BenchPostgresSpec(PostgresServer server)
{
    [Fact]
    public async Task A_warm_up_leaves_nothing_for_the_measured_run_and_no_database_behind()
    {
        var database = await server.CreateDatabaseAsync();
        try
        {
            var run = await CliRun.InvokeAsync(
                "bench", "--journal", "postgres", "--connection", server.ConnectionString(database),
                "--messages", "400", "--warmup", "400", "--links", "3", "--batch", "50", "--timeout", "120", "--json");

            Assert.True(run.ExitCode == 0, run.Error);
            using var report = JsonDocument.Parse(run.Out);
            var figures = report.RootElement.GetProperty("run");
            Assert.Equal(400, figures.GetProperty("accepted").GetInt64());
            Assert.Equal(400, figures.GetProperty("sitesRecorded").GetInt64());
            Assert.Empty(await QueryAsync(database, "SELECT datname FROM pg_database WHERE datname LIKE 'mta_bench_%'"));
            Assert.Empty(await QueryAsync(database, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")); // journaled elsewhere
        }
        finally
        {
            await server.DropDatabaseAsync(database);
        }
    }

    private async Task<List<string>> QueryAsync(string database, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(server.ConnectionString(database));
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
