namespace MtaActors.Host.Api;

/// <summary>The optional body of <c>POST /api/mta/disable</c>: <c>{"reason": "maintenance"}</c>, nothing else.</summary>
public sealed record DisableContract
{
    public string? Reason { get; init; }
}
