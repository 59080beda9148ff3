using System.Collections.Immutable;
using MtaActors.Engine.Links;
using MtaActors.Engine.Persistence;

namespace MtaActors.Engine.Poison;

/// <summary>A message held in quarantine: the envelope as its link held it, which link, why, and when.</summary>
public sealed record QuarantinedMessage(QueuedEnvelope Envelope, string Link, string Reason, DateTimeOffset QuarantinedAt)
{
    public string MessageId => Envelope.MessageId;
}

/// <summary>A link handed a message that crashed its session twice to the poison queue, which owns it from here on.</summary>
public sealed record MessageQuarantined(QuarantinedMessage Message) : IPersistedEvent;

/// <summary>Messages left quarantine by an operator's hand.</summary>
public sealed record QuarantineLifted(ImmutableArray<string> MessageIds, QuarantineExit Exit) : IPersistedEvent;

/// <summary>How a message left quarantine.</summary>
public enum QuarantineExit
{
    /// <summary>Handed back to the router, which routes it again.</summary>
    Released = 0,

    /// <summary>Removed without a report.</summary>
    Removed = 1,

    /// <summary>Removed with a non-delivery report to the originator.</summary>
    Reported = 2,
}

/// <summary>Everything in quarantine at one sequence number.</summary>
public sealed record PoisonQueueSnapshot(ImmutableArray<QuarantinedMessage> Messages) : IPersistedEvent;
