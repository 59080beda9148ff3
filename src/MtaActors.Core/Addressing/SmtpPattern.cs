using System.Diagnostics.CodeAnalysis;

namespace MtaActors.Core.Addressing;

/// <summary>
/// An SMTP address-space pattern: <c>*</c>, <c>*@*.domain</c> (also <c>*.domain</c>), <c>*@domain</c> (also a bare
/// <c>domain</c>) or <c>user@domain</c>. Specificity is <c>2 × labels + k</c>, where labels counts the pattern's
/// domain labels and k is 0 for subdomains, 1 for a domain and 2 for one address; <c>*</c> scores 0. Among patterns
/// that match one address this orders exact address &gt; its domain &gt; nearer parent subdomains &gt; farther ones &gt; <c>*</c>.
/// </summary>
internal sealed class SmtpPattern : AddressPattern
{
    private SmtpPattern(SmtpPatternKind kind, string domain, string? mailbox, string canonical, int specificity)
        : base(canonical, specificity)
    {
        Kind = kind;
        Domain = domain;
        Mailbox = mailbox;
    }

    public SmtpPatternKind Kind { get; }

    /// <summary>The lower-case domain (for <see cref="SmtpPatternKind.Subdomains"/>, the parent); empty for everything.</summary>
    public string Domain { get; }

    /// <summary>The whole canonical address for <see cref="SmtpPatternKind.Mailbox"/>, else null.</summary>
    public string? Mailbox { get; }

    public static bool TryParse(string pattern, [NotNullWhen(true)] out SmtpPattern? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        var text = pattern.Trim().ToLowerInvariant();
        if (text is "*" or "*@*")
        {
            result = new SmtpPattern(SmtpPatternKind.Everything, "", null, "*", 0);
            error = null;
            return true;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        var local = at < 0 ? "*" : text[..at];
        var domain = at < 0 ? text : text[(at + 1)..];
        if (domain.Contains('@', StringComparison.Ordinal))
        {
            error = "SMTP pattern has more than one @";
            return false;
        }

        var subdomains = domain.StartsWith("*.", StringComparison.Ordinal);
        if (subdomains)
        {
            domain = domain[2..];
        }

        if (!SmtpSyntax.TryValidateDomain(domain, out error))
        {
            error = domain.Contains('*', StringComparison.Ordinal)
                ? "SMTP pattern allows '*' only as the whole local part, as '*.' before a domain, or alone"
                : error;
            return false;
        }

        var labels = domain.Count(c => c == '.') + 1;
        if (local == "*")
        {
            result = subdomains
                ? new SmtpPattern(SmtpPatternKind.Subdomains, domain, null, "*@*." + domain, 2 * labels)
                : new SmtpPattern(SmtpPatternKind.Domain, domain, null, "*@" + domain, (2 * labels) + 1);
            return true;
        }

        if (local.Contains('*', StringComparison.Ordinal))
        {
            error = "SMTP pattern allows '*' only as the whole local part, as '*.' before a domain, or alone";
            return false;
        }

        if (subdomains)
        {
            error = "SMTP pattern with a user needs an exact domain (user@domain)";
            return false;
        }

        if (!SmtpSyntax.TryValidateLocalPart(local, out error))
        {
            return false;
        }

        var mailbox = local + "@" + domain;
        result = new SmtpPattern(SmtpPatternKind.Mailbox, domain, mailbox, mailbox, (2 * labels) + 2);
        return true;
    }

    public override bool Matches(Address address)
    {
        if (address.Type != AddressType.Smtp)
        {
            return false;
        }

        var value = address.Value.AsSpan();
        var addressDomain = value[(value.IndexOf('@') + 1)..];
        return Kind switch
        {
            SmtpPatternKind.Everything => true,
            SmtpPatternKind.Domain => addressDomain.SequenceEqual(Domain),
            SmtpPatternKind.Mailbox => value.SequenceEqual(Mailbox),
            SmtpPatternKind.Subdomains => addressDomain.Length > Domain.Length + 1
                                          && addressDomain.EndsWith(Domain, StringComparison.Ordinal)
                                          && addressDomain[^(Domain.Length + 1)] == '.',
            _ => false,
        };
    }
}
