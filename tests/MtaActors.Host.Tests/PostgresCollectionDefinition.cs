using MtaActors.Tests.Common.Postgres;

namespace MtaActors.Host.Tests;

/// <summary>One throwaway PostgreSQL server for every spec of this assembly in the <c>postgres</c> collection (xunit only finds definitions in the test assembly).</summary>
[CollectionDefinition(PostgresCollection.Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresServer>;
