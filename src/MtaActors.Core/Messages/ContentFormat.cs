namespace MtaActors.Core.Messages;

/// <summary>What a message's <see cref="Message.Body"/> holds.</summary>
public enum ContentFormat
{
    /// <summary>Plain text: the body of a message whose only header is its subject (mail submitted through the admin API).</summary>
    Text,

    /// <summary>
    /// The whole RFC 5322 message, headers and body, exactly as it travels over SMTP: one <see cref="char"/> per octet
    /// (ISO-8859-1, so 8-bit content survives byte for byte) with CRLF line ends and no dot-stuffing.
    /// <see cref="Message.Subject"/> then holds the decoded Subject header, for listings.
    /// </summary>
    Rfc5322,
}
