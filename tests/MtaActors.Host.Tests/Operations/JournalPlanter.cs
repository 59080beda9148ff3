using Akka.Actor;
using Akka.Persistence;
using Microsoft.Data.Sqlite;
using MtaActors.Engine.Hosting;

namespace MtaActors.Host.Tests.Operations;

/// <summary>
/// Plants damage in a stopped daemon's real SQLite journal: events appended under any persistence id through the
/// engine's own journal plugin and serializer (as a buggy or interrupted writer would leave them), and rows deleted or
/// overwritten with plain SQL (as a lost or damaged file would).
/// </summary>
internal static class JournalPlanter
{
    public static async Task AppendAsync(string data, string persistenceId, params object[] events)
    {
        var system = ActorSystem.Create("planter", MtaEngine.Configuration(JournalKind.Sqlite, EngineOnJournal.ConnectionString(data)));
        try
        {
            var writer = system.ActorOf(Props.Create(() => new Writer(persistenceId)));
            foreach (var item in events)
            {
                await writer.Ask<Written>(item, TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            await system.Terminate();
        }
    }

    public static async Task<int> ExecuteAsync(string data, string sql)
    {
        await using var connection = new SqliteConnection(EngineOnJournal.ConnectionString(data) + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> CountAsync(string data, string sql)
    {
        await using var connection = new SqliteConnection(EngineOnJournal.ConnectionString(data) + ";Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record Written
    {
        public static readonly Written Instance = new();
    }

    private sealed class Writer : ReceivePersistentActor
    {
        public Writer(string persistenceId)
        {
            PersistenceId = persistenceId;
            RecoverAny(_ => { });
            CommandAny(item =>
            {
                var replyTo = Sender;
                Persist(item, _ => replyTo.Tell(Written.Instance));
            });
        }

        public override string PersistenceId { get; }
    }
}
