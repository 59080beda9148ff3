namespace MtaActors.Tests.Common.Postgres;

/// <summary>
/// The name of the xunit collection that shares one <see cref="PostgresServer"/> per test run. xunit only finds
/// collection definitions in the test assembly itself, so each test project declares
/// <c>[CollectionDefinition(PostgresCollection.Name)] sealed class ... : ICollectionFixture&lt;PostgresServer&gt;</c>
/// and its specs take <c>[Collection(PostgresCollection.Name)]</c> and a <see cref="PostgresServer"/> in their constructor.
/// </summary>
public static class PostgresCollection
{
    public const string Name = "postgres";
}
