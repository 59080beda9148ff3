namespace MtaActors.Core.Topology.Binding;

/// <summary>A local address space as written; it has no cost, because local delivery is never weighed against a link.</summary>
internal sealed class LocalAddressSpaceOptions
{
    public string? Type { get; set; }
    public string? Pattern { get; set; }
}
