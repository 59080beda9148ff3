namespace MtaActors.Core.Messages;

/// <summary>Why a recipient could not be reached; written into the non-delivery report.</summary>
public enum NonDeliveryReason
{
    MalformedAddress = 0,
    UnknownRecipient = 1,
    NoRoute = 2,
    Expired = 3,
    Loop = 4,
    /// <summary>Removed by an administrator with a report to the originator.</summary>
    Removed = 5,
    /// <summary>The next MTA refused the recipient for good (an SMTP 5xx); the detail is its answer.</summary>
    RemoteRefused = 6,
}
