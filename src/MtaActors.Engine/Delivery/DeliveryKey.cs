namespace MtaActors.Engine.Delivery;

/// <summary>The unit of idempotence: a message id with one recipient's canonical address (ordinal comparison).</summary>
internal readonly record struct DeliveryKey(string MessageId, string Recipient);
