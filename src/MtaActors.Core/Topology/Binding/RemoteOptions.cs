namespace MtaActors.Core.Topology.Binding;

/// <summary>A link's far end as written: the remote site and its simulated latency.</summary>
internal sealed class RemoteOptions
{
    public string? Site { get; set; }
    public string? Latency { get; set; }
}
