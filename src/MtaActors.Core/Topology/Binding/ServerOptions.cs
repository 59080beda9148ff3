namespace MtaActors.Core.Topology.Binding;

/// <summary>The <c>server</c> section as written: this MTA's identity.</summary>
internal sealed class ServerOptions
{
    public string? Name { get; set; }
    public string? Site { get; set; }
    public string? Organization { get; set; }
    public string? Postmaster { get; set; }
}
