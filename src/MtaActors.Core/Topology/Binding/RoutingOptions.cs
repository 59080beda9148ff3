namespace MtaActors.Core.Topology.Binding;

/// <summary>The <c>routing</c> section as written: work-queue rules.</summary>
internal sealed class RoutingOptions
{
    public string? MaxHops { get; set; }
    public string? DefaultExpiry { get; set; }
    public string? IdWindow { get; set; }
    public string? IdWindowSize { get; set; }
}
