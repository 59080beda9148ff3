namespace MtaActors.Core.Topology.Binding;

/// <summary>A distribution list as written: its name, its own address and its members' addresses.</summary>
internal sealed class DistributionListOptions
{
    public string? Name { get; set; }
    public string? Address { get; set; }
    public List<string>? Members { get; set; }
}
