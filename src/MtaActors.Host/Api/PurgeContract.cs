namespace MtaActors.Host.Api;

/// <summary>
/// The body of <c>POST /api/purge</c>: <c>{"classes": ["link-monitor"], "dryRun": true}</c>; <c>classes</c> required,
/// unknown members refused.
/// </summary>
public sealed record PurgeContract
{
    public required IReadOnlyList<string?>? Classes { get; init; }

    public bool? DryRun { get; init; }
}
