using MtaActors.Engine.Links;

namespace MtaActors.Engine.Poison;

/// <summary>
/// A link hands over a message whose transfer crashed its session twice. Answered with <see cref="QuarantineAccepted"/>
/// once journaled; only then does the link let go of it (at-least-once; a repeated hand-off is absorbed).
/// </summary>
public sealed record Quarantine(string Link, QueuedEnvelope Envelope, string Reason);

/// <summary>The poison queue owns the message now.</summary>
public sealed record QuarantineAccepted(string MessageId);
