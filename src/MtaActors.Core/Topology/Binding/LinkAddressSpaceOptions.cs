namespace MtaActors.Core.Topology.Binding;

/// <summary>A link's address space as written: type, pattern and an optional cost.</summary>
internal sealed class LinkAddressSpaceOptions
{
    public string? Type { get; set; }
    public string? Pattern { get; set; }
    public string? Cost { get; set; }
}
