using MtaActors.Engine.Hosting;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Persistence;

/// <summary>The restart specs on the embedded SQLite journal, a file in each spec's temp folder.</summary>
public sealed class SqliteRestartSpec : RestartSpec
{
    protected override JournalKind Journal => JournalKind.Sqlite;

    protected override Task<string> CreateJournalAsync(TempDirectory data) => Task.FromResult($"Data Source={data.File("mta.db")}");
}
