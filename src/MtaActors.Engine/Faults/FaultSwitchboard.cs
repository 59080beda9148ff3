using System.Collections.Immutable;

namespace MtaActors.Engine.Faults;

/// <summary>
/// The live fault switchboard: which faults are set on which link. Thread-safe and lock-free to read,
/// because every transfer of every link consults it from the thread pool; one fault per kind per link.
/// </summary>
public sealed class FaultSwitchboard
{
    public ImmutableArray<FaultSpec> Get(string link) => throw new NotImplementedException("helper C");

    /// <summary>Sets a fault, replacing one of the same kind on that link.</summary>
    public void Set(string link, FaultSpec fault) => throw new NotImplementedException("helper C");

    /// <summary>Clears one kind, or every fault of the link when <paramref name="kind"/> is null; true when something was cleared.</summary>
    public bool Clear(string link, string? kind = null) => throw new NotImplementedException("helper C");
}
