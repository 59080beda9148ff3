namespace MtaActors.Core.Routing;

/// <summary>A link that can carry an address, with how well (specificity) and how dearly (cost) it matches.</summary>
public readonly record struct RouteCandidate(string Link, int Specificity, int Cost);
