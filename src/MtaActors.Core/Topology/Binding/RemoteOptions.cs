namespace MtaActors.Core.Topology.Binding;

/// <summary>A link's far end as written: the remote site and its simulated latency, or a real SMTP server.</summary>
internal sealed class RemoteOptions
{
    public string? Site { get; set; }
    public string? Latency { get; set; }
    public string? Smtp { get; set; }
    public string? Connections { get; set; }
}
