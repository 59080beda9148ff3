namespace MtaActors.Engine.Transports.Smtp;

/// <summary>Every recipient of a transaction was refused for good at RCPT, so no DATA was sent; the refusals are on the client.</summary>
internal sealed class NoRecipientAcceptedException : Exception
{
    public NoRecipientAcceptedException()
        : base("no recipient was accepted")
    {
    }

    public NoRecipientAcceptedException(string message)
        : base(message)
    {
    }

    public NoRecipientAcceptedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
