namespace MtaActors.Core.Topology.Binding;

/// <summary>Per-priority transfer timeouts as written.</summary>
internal sealed class TransferTimeoutOptions
{
    public string? Urgent { get; set; }
    public string? Normal { get; set; }
    public string? NonUrgent { get; set; }
}
