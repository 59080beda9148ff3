using MtaActors.Core.Addressing;

namespace MtaActors.Core.Messages;

/// <summary>A recipient that will not get the message, and why.</summary>
public sealed record FailedRecipient(Address Recipient, NonDeliveryReason Reason, string Detail);
