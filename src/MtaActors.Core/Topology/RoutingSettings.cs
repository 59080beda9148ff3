namespace MtaActors.Core.Topology;

/// <summary>
/// Work-queue rules: a message with more than <see cref="MaxHops"/> trace entries is looping and is answered
/// with a non-delivery report; a message submitted without an expiry expires after <see cref="DefaultExpiry"/>.
/// </summary>
public sealed record RoutingSettings(int MaxHops, TimeSpan DefaultExpiry)
{
    /// <summary>Defaults: 20 hops, 48 hours, finished ids remembered for 24 hours, at most 100,000 of them.</summary>
    public static readonly RoutingSettings Default = new(20, TimeSpan.FromHours(48));

    /// <summary>
    /// How long the work queue remembers the id (and fingerprint) of a finished message, so that a resubmission is
    /// answered as a duplicate rather than delivered again. Default 24 hours.
    /// </summary>
    public TimeSpan IdWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary>At most this many finished ids are remembered (the oldest go first). Default 100,000.</summary>
    public int IdWindowSize { get; init; } = 100_000;
}
