namespace MtaActors.Host.Api;

/// <summary>The body of <c>PUT /api/faults/seed</c>: <c>{"seed": 42}</c>, a whole number 0..2147483647.</summary>
public sealed record FaultSeedContract
{
    public required long Seed { get; init; }
}
