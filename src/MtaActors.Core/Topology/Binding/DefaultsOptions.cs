namespace MtaActors.Core.Topology.Binding;

/// <summary>The <c>defaults</c> section as written: what every link gets unless it says otherwise.</summary>
internal sealed class DefaultsOptions
{
    public RetryOptions? Retry { get; set; }
    public string? MaxBatchSize { get; set; }
}
