namespace MtaActors.Core.Addressing;

/// <summary>The three address families an Exchange 5.5 MTA routes on, plus <see cref="Invalid"/> for text that parses as none.</summary>
public enum AddressType
{
    /// <summary>RFC 5321 style <c>user@domain</c>.</summary>
    Smtp = 0,
    /// <summary>X.400 O/R address, <c>c=US;a= ;p=Org;o=Site;s=Smith;g=John</c>.</summary>
    X400 = 1,
    /// <summary>Exchange distinguished name, <c>/O=ORG/OU=SITE/CN=RECIPIENTS/CN=JSMITH</c>.</summary>
    ExchangeDn = 2,
    /// <summary>Text that is no valid address; kept so the recipient can be answered with a non-delivery report.</summary>
    Invalid = 3,
}
