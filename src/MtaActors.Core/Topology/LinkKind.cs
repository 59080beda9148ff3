namespace MtaActors.Core.Topology;

/// <summary>
/// Connector kinds of an Exchange 5.5 site. Gateways (Internet Mail Service, MS Mail, EDK) own
/// secured queues; the rest are non-secured and re-routed on restart (Q282780).
/// </summary>
public enum LinkKind
{
    X400 = 0,
    Site = 1,
    Ras = 2,
    SmtpGateway = 3,
    MsMail = 4,
    Edk = 5,
}
