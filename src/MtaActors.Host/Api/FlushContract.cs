namespace MtaActors.Host.Api;

/// <summary>
/// The optional body of <c>POST /api/links/{name}/flush</c>: <c>{"recipient": "user@example.com"}</c>; left out or null,
/// the flush is for every message the link holds. Unknown members are refused, so a misspelt <c>recipent</c> never
/// widens a flush to everything.
/// </summary>
public sealed record FlushContract
{
    public string? Recipient { get; init; }
}
