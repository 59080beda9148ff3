namespace MtaActors.Core.Routing;

/// <summary>What this server's directory says about an address.</summary>
public abstract record LocalResolution
{
    private LocalResolution() { }

    /// <summary>Not in a local address space: route it over a link.</summary>
    public sealed record NotLocal : LocalResolution
    {
        public static readonly NotLocal Instance = new();
    }

    /// <summary>A local mailbox: deliver to the local store.</summary>
    public sealed record Mailbox(LocalMailbox Target) : LocalResolution;

    /// <summary>A distribution list: expand in the work queue.</summary>
    public sealed record List(DistributionList Target) : LocalResolution;

    /// <summary>In a local address space but nobody has it: non-delivery report.</summary>
    public sealed record Unknown : LocalResolution
    {
        public static readonly Unknown Instance = new();
    }
}
