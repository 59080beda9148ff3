namespace MtaActors.Engine.Delivery;

/// <summary>
/// What a delivery sink has seen since its log began (counts survive restarts).
/// <see cref="Received"/> counts every (message, recipient) arrival, retransmissions included;
/// <see cref="Delivered"/> the ones placed in a mailbox; <see cref="Distinct"/> the distinct (message, recipient)
/// pairs delivered. Exactly-once holds when <see cref="Delivered"/> equals <see cref="Distinct"/>.
/// </summary>
public sealed record SiteCounters(string Name, long Received, long Delivered, long Distinct, long DuplicatesSuppressed);
