namespace MtaActors.Host.Scenarios;

/// <summary>One invariant's verdict with the evidence that decided it, in words a reader can check against the report.</summary>
public sealed record InvariantResult(string Kind, bool Passed, string Evidence);
