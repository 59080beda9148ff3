using System.Diagnostics.CodeAnalysis;

namespace MtaActors.Core.Addressing;

/// <summary>
/// Recognises and canonicalises SMTP, X.400 O/R and Exchange DN addresses, telling the families apart by shape:
/// a leading <c>/</c> is an Exchange DN; <c>key=value</c> text with a <c>;</c>, or starting with a known X.400 key
/// and holding no <c>@</c>, is X.400; anything else with an <c>@</c> is SMTP.
/// </summary>
internal static class AddressParser
{
    public const string UnrecognisedError = "not an SMTP, X.400 or Exchange DN address";

    public static bool TryParse(string? text, [NotNullWhen(true)] out Address? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            error = "address is empty";
            return false;
        }

        switch (Recognise(trimmed))
        {
            case AddressType.ExchangeDn:
                if (!ExchangeDnSyntax.TryParse(trimmed, out var dn, out _, out error))
                {
                    return false;
                }

                address = Address.Create(AddressType.ExchangeDn, dn);
                return true;

            case AddressType.X400:
                if (!X400Syntax.TryParseAddress(trimmed, out var attributes, out error))
                {
                    return false;
                }

                address = Address.CreateX400(attributes);
                return true;

            case AddressType.Smtp:
                if (!SmtpSyntax.TryParseAddress(trimmed, out var smtp, out error))
                {
                    return false;
                }

                address = Address.Create(AddressType.Smtp, smtp);
                return true;

            default:
                error = UnrecognisedError;
                return false;
        }
    }

    /// <summary>The family the text looks like, or <see cref="AddressType.Invalid"/>.</summary>
    public static AddressType Recognise(string trimmed)
    {
        if (trimmed.StartsWith('/'))
        {
            return AddressType.ExchangeDn;
        }

        var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
        var hasAt = trimmed.Contains('@', StringComparison.Ordinal);
        if (equals >= 0)
        {
            // X.400 values may carry an @ (an RFC-822 domain-defined attribute), but then there is always a ';'.
            // Without one, "a=b@contoso.com" is an SMTP address whose local part happens to hold a '='.
            if (trimmed.Contains(';', StringComparison.Ordinal)
                || (!hasAt && X400Syntax.IsKnownKey(trimmed.AsSpan(0, equals).Trim())))
            {
                return AddressType.X400;
            }
        }

        return hasAt ? AddressType.Smtp : AddressType.Invalid;
    }
}
