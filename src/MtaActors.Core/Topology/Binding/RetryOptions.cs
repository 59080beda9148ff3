namespace MtaActors.Core.Topology.Binding;

/// <summary>A retry policy as written; every field is optional and falls back to the level above.</summary>
internal sealed class RetryOptions
{
    public string? OpenInterval { get; set; }
    public string? MaxOpenRetries { get; set; }
    public TransferTimeoutOptions? TransferTimeout { get; set; }
}
