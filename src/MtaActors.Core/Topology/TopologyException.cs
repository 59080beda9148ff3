namespace MtaActors.Core.Topology;

/// <summary>
/// A topology file that cannot be used. The message is one line that names the file, the field path and the
/// problem, e.g. <c>config/topology.json: links[2].addressSpaces[0].cost: must be between 1 and 100 (got 0)</c>.
/// </summary>
public sealed class TopologyException : Exception
{
    public TopologyException(string message) : base(message) { }

    public TopologyException(string message, Exception inner) : base(message, inner) { }
}
