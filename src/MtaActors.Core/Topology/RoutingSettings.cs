namespace MtaActors.Core.Topology;

/// <summary>
/// Work-queue rules: a message with more than <see cref="MaxHops"/> trace entries is looping and is answered
/// with a non-delivery report; a message submitted without an expiry expires after <see cref="DefaultExpiry"/>.
/// </summary>
public sealed record RoutingSettings(int MaxHops, TimeSpan DefaultExpiry)
{
    /// <summary>Defaults: 20 hops, 48 hours.</summary>
    public static readonly RoutingSettings Default = new(20, TimeSpan.FromHours(48));
}
