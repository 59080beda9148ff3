using Akka.Configuration;
using MtaActors.Engine.Hosting;

namespace MtaActors.Tests.Common;

/// <summary>Actor system configurations for tests: the engine's own HOCON for a journal kind.</summary>
public static class AkkaConfigs
{
    public static Config InMemory() => MtaEngine.Configuration(JournalKind.Memory, "");

    public static Config Sqlite(string databaseFile) => MtaEngine.Configuration(JournalKind.Sqlite, $"Data Source={databaseFile}");
}
