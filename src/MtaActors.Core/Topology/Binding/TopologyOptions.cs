namespace MtaActors.Core.Topology.Binding;

/// <summary>
/// The topology file as bound by Microsoft.Extensions.Configuration, before validation. Scalars are bound as text so
/// the validator, not the binder, reports a bad number or duration with its field path.
/// </summary>
internal sealed class TopologyOptions
{
    public ServerOptions? Server { get; set; }
    public RoutingOptions? Routing { get; set; }
    public LocalOptions? Local { get; set; }
    public DefaultsOptions? Defaults { get; set; }
    public List<LinkOptions>? Links { get; set; }
}
