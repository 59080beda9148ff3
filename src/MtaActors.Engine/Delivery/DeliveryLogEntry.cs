namespace MtaActors.Engine.Delivery;

/// <summary>One line of a delivery log: one (message, recipient) arrival and what the sink did with it.</summary>
public sealed record DeliveryLogEntry(DeliveryLogKind Kind, string MessageId, string Recipient);
