using MtaActors.Core.Addressing;

namespace MtaActors.Engine.Transports;

/// <summary>
/// One recipient of one message that the far end refused for good (an SMTP 5xx). <see cref="Diagnostic"/> is the far
/// end's answer as RFC 3464 writes it in a Diagnostic-Code (<c>smtp; 550 5.1.1 no such user</c>).
/// </summary>
public sealed record RecipientRefusal(string MessageId, Address Recipient, string Diagnostic);
