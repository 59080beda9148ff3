namespace MtaActors.Core.Topology.Binding;

/// <summary>One entry of <c>links</c> as written: a connector or site link.</summary>
internal sealed class LinkOptions
{
    public string? Name { get; set; }
    public string? Kind { get; set; }
    public string? Secured { get; set; }
    public List<LinkAddressSpaceOptions>? AddressSpaces { get; set; }
    public RetryOptions? Retry { get; set; }
    public string? MaxBatchSize { get; set; }
    public RemoteOptions? Remote { get; set; }
}
