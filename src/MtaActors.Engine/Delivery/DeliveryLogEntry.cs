namespace MtaActors.Engine.Delivery;

/// <summary>
/// One line of a delivery log: one (message, recipient) arrival and what the sink did with it. <see cref="Content"/>
/// is the message's <see cref="Core.Messages.SubmissionFingerprint.OfContent"/>; null on a line written before logs
/// carried it, which then stands for any content (an upgrade must never deliver twice).
/// </summary>
public sealed record DeliveryLogEntry(DeliveryLogKind Kind, string MessageId, string Recipient, ulong? Content = null);
