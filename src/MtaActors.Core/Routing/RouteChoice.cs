namespace MtaActors.Core.Routing;

/// <summary>The router's decision for one remote address.</summary>
public abstract record RouteChoice
{
    private RouteChoice() { }

    /// <summary>Send over this link.</summary>
    public sealed record ViaLink(string Link) : RouteChoice;

    /// <summary>Links claim the address but none is up now: wait in the work queue until one is, or until expiry.</summary>
    public sealed record AllRoutesDown(IReadOnlyList<string> Links) : RouteChoice;

    /// <summary>No link claims the address: non-delivery report.</summary>
    public sealed record NoRoute : RouteChoice
    {
        public static readonly NoRoute Instance = new();
    }
}
