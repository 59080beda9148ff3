namespace MtaActors.Engine.Transports;

/// <summary>Why a transfer failed; all of them are retried by the link.</summary>
public enum TransferFailure
{
    /// <summary>The far end refused the association at once (link down).</summary>
    Refused = 0,
    /// <summary>A passing error; the next attempt may well succeed.</summary>
    Transient = 1,
    /// <summary>The far end found a payload whose checksum did not match: damaged in transit.</summary>
    Corrupt = 2,
    /// <summary>The association dropped mid-transfer; part of the batch may have arrived.</summary>
    Reset = 3,
    /// <summary>No answer within the transfer timeout of the batch's priority.</summary>
    Timeout = 4,
}
