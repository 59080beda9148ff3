namespace MtaActors.Engine.Hosting;

/// <summary>Where persistent actors keep their events.</summary>
public enum JournalKind
{
    /// <summary>An embedded SQLite file under the data folder (the default).</summary>
    Sqlite = 0,
    /// <summary>A PostgreSQL server, for real deployments.</summary>
    Postgres = 1,
    /// <summary>In memory: for benchmarks only, nothing survives a restart.</summary>
    Memory = 2,
}
