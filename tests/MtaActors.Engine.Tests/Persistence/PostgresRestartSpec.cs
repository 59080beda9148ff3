using MtaActors.Engine.Hosting;
using MtaActors.Tests.Common;
using MtaActors.Tests.Common.Postgres;

namespace MtaActors.Engine.Tests.Persistence;

/// <summary>The restart specs on PostgreSQL: the run's throwaway server, a fresh database per spec.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresRestartSpec(PostgresServer server) : RestartSpec
{
    private string? _database;

    protected override JournalKind Journal => JournalKind.Postgres;

    protected override async Task<string> CreateJournalAsync(TempDirectory data)
    {
        _database = await server.CreateDatabaseAsync();
        return server.ConnectionString(_database);
    }

    protected override Task DeleteJournalAsync() => _database is null ? Task.CompletedTask : server.DropDatabaseAsync(_database);
}
