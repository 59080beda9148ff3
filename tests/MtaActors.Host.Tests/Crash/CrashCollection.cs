namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// The SQLite crash trials run in a collection of their own: never beside each other, and their child daemons are
/// the only heavy thing they start.
/// </summary>
[CollectionDefinition(Name)]
public sealed class CrashCollection
{
    public const string Name = "crash";
}
