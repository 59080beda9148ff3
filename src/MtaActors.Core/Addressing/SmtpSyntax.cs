using System.Diagnostics.CodeAnalysis;

namespace MtaActors.Core.Addressing;

/// <summary>
/// RFC 5321 mailbox syntax as an MTA needs it: a dot-atom local part of at most 64 characters and a domain of
/// letter-digit-hyphen labels (at most 63 each, 255 in all). Quoted local parts and address literals are not routed.
/// </summary>
internal static class SmtpSyntax
{
    public const int MaxLocalPartLength = 64;
    public const int MaxDomainLength = 255;
    public const int MaxLabelLength = 63;

    // RFC 5322 specials: outside a quoted string they cannot appear in a local part.
    private const string Specials = "()<>[]:;@\\,\"";

    /// <summary>Parses <c>local@domain</c> or <c>&lt;local@domain&gt;</c> into its lower-case canonical form.</summary>
    public static bool TryParseAddress(string trimmed, [NotNullWhen(true)] out string? canonical, [NotNullWhen(false)] out string? error)
    {
        canonical = null;
        var text = trimmed.AsSpan();
        var opens = text.StartsWith('<');
        var closes = text.EndsWith('>');
        if (opens != closes || (opens && text.Length < 2))
        {
            error = "SMTP address has an unmatched angle bracket";
            return false;
        }

        if (opens)
        {
            text = text[1..^1].Trim();
        }

        var at = text.IndexOf('@');
        if (at < 0)
        {
            error = "SMTP address has no @";
            return false;
        }

        if (text[(at + 1)..].Contains('@'))
        {
            error = "SMTP address has more than one @";
            return false;
        }

        if (!TryValidateLocalPart(text[..at], out error) || !TryValidateDomain(text[(at + 1)..], out error))
        {
            return false;
        }

        canonical = text.ToString().ToLowerInvariant();
        return true;
    }

    public static bool TryValidateLocalPart(ReadOnlySpan<char> local, [NotNullWhen(false)] out string? error)
    {
        if (local.IsEmpty)
        {
            error = "SMTP local part is empty";
            return false;
        }

        if (local.Length > MaxLocalPartLength)
        {
            error = $"SMTP local part is longer than {MaxLocalPartLength} characters";
            return false;
        }

        foreach (var c in local)
        {
            if (char.IsWhiteSpace(c))
            {
                error = "SMTP local part contains a space";
                return false;
            }

            if (char.IsControl(c))
            {
                error = "SMTP local part contains a control character";
                return false;
            }

            if (Specials.Contains(c, StringComparison.Ordinal))
            {
                error = $"SMTP local part contains '{c}'";
                return false;
            }
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            error = "SMTP local part must not start or end with '.' or contain '..'";
            return false;
        }

        error = null;
        return true;
    }

    public static bool TryValidateDomain(ReadOnlySpan<char> domain, [NotNullWhen(false)] out string? error)
    {
        if (domain.IsEmpty)
        {
            error = "SMTP domain is empty";
            return false;
        }

        if (domain.Length > MaxDomainLength)
        {
            error = $"SMTP domain is longer than {MaxDomainLength} characters";
            return false;
        }

        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.IsEmpty)
            {
                error = "SMTP domain has an empty label";
                return false;
            }

            if (label.Length > MaxLabelLength)
            {
                error = $"SMTP domain label '{label}' is longer than {MaxLabelLength} characters";
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    error = char.IsWhiteSpace(c) ? "SMTP domain contains a space"
                        : char.IsControl(c) ? "SMTP domain contains a control character"
                        : $"SMTP domain contains '{c}'";
                    return false;
                }
            }

            if (label[0] == '-' || label[^1] == '-')
            {
                error = $"SMTP domain label '{label}' starts or ends with a hyphen";
                return false;
            }
        }

        error = null;
        return true;
    }
}
