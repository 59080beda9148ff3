namespace MtaActors.Core.Messages;

/// <summary>One entry of a message's trace: an MTA it passed through. The trace length bounds loops.</summary>
public sealed record Hop(string Server, string Site, DateTimeOffset At);
