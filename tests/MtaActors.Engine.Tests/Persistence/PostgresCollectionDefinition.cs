using MtaActors.Tests.Common.Postgres;

namespace MtaActors.Engine.Tests.Persistence;

/// <summary>One throwaway PostgreSQL server for every spec of this assembly in the <c>postgres</c> collection.</summary>
[CollectionDefinition(PostgresCollection.Name)]
public sealed class PostgresCollectionDefinition : ICollectionFixture<PostgresServer>;
