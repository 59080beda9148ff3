namespace MtaActors.Host.Smtp;

/// <summary>The SMTP listener could not bind its endpoint; the daemon stops with one line naming it.</summary>
public sealed class SmtpListenException(string message, Exception inner) : Exception(message, inner);
