using System.Collections.Immutable;

namespace MtaActors.Host.Api;

/// <summary>One entry of a message's tracking history, as <c>mta track --json</c> prints it.</summary>
public sealed record TrackingReply(DateTimeOffset At, string Event, string MessageId, string Queue, ImmutableArray<string> Recipients, string? Detail);
