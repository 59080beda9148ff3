using SmtpServer;
using SmtpServer.Protocol;

namespace MtaActors.Host.Smtp;

/// <summary>
/// SmtpServer's commands, with EHLO and HELO replaced: EHLO advertises what this listener does (SmtpServer's own list
/// lacks ENHANCEDSTATUSCODES and claims SMTPUTF8, which the engine's addresses do not support; STARTTLS only with a
/// certificate, before TLS), and both remember the
/// name the client gave, for the <c>Received:</c> header.
/// </summary>
internal sealed class EsmtpCommandFactory(int maxMessageBytes) : SmtpCommandFactory
{
    public override SmtpCommand CreateEhlo(string domainOrAddress) => new Ehlo(domainOrAddress, maxMessageBytes);

    public override SmtpCommand CreateHelo(string domainOrAddress) => new Helo(domainOrAddress);

    private sealed class Ehlo(string domainOrAddress, int maxMessageBytes) : EhloCommand(domainOrAddress)
    {
        protected override string GetGreeting(ISessionContext context)
        {
            InboundSession.Of(context).ClientName = DomainOrAddress;
            return $"{context.ServerOptions.ServerName} Hello {DomainOrAddress}";
        }

        protected override IEnumerable<string> GetExtensions(ISessionContext context)
        {
            yield return "PIPELINING";
            yield return "8BITMIME";
            yield return $"SIZE {maxMessageBytes}";
            yield return "ENHANCEDSTATUSCODES";
            if (context.EndpointDefinition.CertificateFactory is not null && !context.Pipe.IsSecure)
            {
                yield return "STARTTLS";
            }
        }
    }

    private sealed class Helo(string domainOrAddress) : HeloCommand(domainOrAddress)
    {
        protected override string GetGreeting(ISessionContext context)
        {
            InboundSession.Of(context).ClientName = DomainOrAddress;
            return $"{context.ServerOptions.ServerName} Hello {DomainOrAddress}";
        }
    }
}
