namespace MtaActors.Core.Topology;

/// <summary>
/// The simulated MTA at the far end of a link. Several links may lead to one site (a site connector and a
/// backup X.400 connector to Paris): the site records and de-duplicates everything it receives, whichever way it came.
/// <see cref="Latency"/> is the site's base answer time, before any injected fault.
/// </summary>
public sealed record RemoteSite(string Name, TimeSpan Latency);
