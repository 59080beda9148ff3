using System.Collections.Immutable;

namespace MtaActors.Host.Tracking;

/// <summary>One line of the tracking log as <c>mta track</c> reads it back.</summary>
internal sealed record TrackingEntry(DateTimeOffset At, string Event, string MessageId, string Queue, ImmutableArray<string> Recipients, string? Detail);
