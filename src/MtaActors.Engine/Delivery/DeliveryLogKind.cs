namespace MtaActors.Engine.Delivery;

/// <summary>What happened to one arrival in a delivery log.</summary>
public enum DeliveryLogKind
{
    /// <summary>Placed in the mailbox (line tag <c>D</c>).</summary>
    Delivered = 0,
    /// <summary>Already delivered before: recognised as a duplicate and not delivered again (line tag <c>S</c>).</summary>
    Suppressed = 1,
}
