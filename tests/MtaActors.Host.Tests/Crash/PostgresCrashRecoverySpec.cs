using MtaActors.Tests.Common;
using MtaActors.Tests.Common.Postgres;
using Xunit.Abstractions;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// The crash acceptance on PostgreSQL: 5 trials on the run's throwaway server, a fresh database per trial (the delivery
/// logs still live in the data folder).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresCrashRecoverySpec(PostgresServer server, ITestOutputHelper output)
{
    [Fact]
    public async Task Kill_9_under_load_then_restart_delivers_every_accepted_message_exactly_once_on_postgres()
    {
        var harness = new CrashHarness(output.WriteLine);
        var first = CrashHarness.FirstSeed();
        var trials = CrashHarness.Trials(5);
        output.WriteLine($"PostgreSQL: {trials} trials from seed {first}");
        for (var trial = 0; trial < trials; trial++)
        {
            var data = new TempDirectory("mta-crash-pg");
            var database = await server.CreateDatabaseAsync();
            await harness.RunTrialAsync(first + trial, data.Path, ["--journal", "postgres", "--connection", server.ConnectionString(database)]);
            await server.DropDatabaseAsync(database);
            data.Dispose();
        }
    }
}
