namespace MtaActors.Core.Addressing;

/// <summary>The four shapes of SMTP address-space pattern, from the least to the most specific.</summary>
internal enum SmtpPatternKind
{
    /// <summary><c>*</c>: every SMTP address.</summary>
    Everything = 0,
    /// <summary><c>*@*.contoso.com</c>: every address in a proper subdomain.</summary>
    Subdomains = 1,
    /// <summary><c>*@contoso.com</c> (or bare <c>contoso.com</c>): every address in exactly that domain.</summary>
    Domain = 2,
    /// <summary><c>jsmith@contoso.com</c>: one address.</summary>
    Mailbox = 3,
}
