using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace MtaActors.Core.Addressing;

/// <summary>
/// Reads X.400 O/R text, <c>key=value</c> pairs separated by <c>;</c> (a trailing <c>;</c> is allowed), for
/// addresses and for address-space patterns. Keys are case-insensitive; <c>ou</c> may repeat and is numbered
/// ou1..ou4 in order; values are limited to the X.400 (1988) upper bounds, e.g. 64 for o and cn, 40 for s.
/// An ADMD of only blanks means "any ADMD" and is kept as a single space.
/// </summary>
internal static class X400Syntax
{
    public const int MaxDomainDefinedTypeLength = 8;
    public const int MaxDomainDefinedValueLength = 128;

    // ub-* bounds of X.411, indexed by X400Attribute.
    private static readonly int[] UpperBounds = [3, 16, 16, 64, 32, 32, 32, 32, 40, 16, 5, 3, 64];

    private const string DomainDefinedPrefix = "dda:";

    public static bool IsKnownKey(ReadOnlySpan<char> key)
        => X400Attributes.TryGetAttribute(key, out _)
           || key.Equals("ou", StringComparison.OrdinalIgnoreCase)
           || key.StartsWith(DomainDefinedPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a recipient or originator: needs a country and a surname, common name or domain-defined attribute.</summary>
    public static bool TryParseAddress(string text, [NotNullWhen(true)] out X400Attributes? attributes, [NotNullWhen(false)] out string? error)
    {
        if (!TryParse(text, wildcards: false, out attributes, out error))
        {
            return false;
        }

        error = Completeness(attributes);
        if (error is not null)
        {
            attributes = null;
            return false;
        }

        return true;
    }

    /// <summary>
    /// Parses attribute text. With <paramref name="wildcards"/>, a value <c>*</c> leaves the attribute out (it
    /// matches anything) and a trailing <c>*</c> is a prefix wildcard; without, <c>*</c> is an ordinary character.
    /// </summary>
    public static bool TryParse(string text, bool wildcards, [NotNullWhen(true)] out X400Attributes? attributes, [NotNullWhen(false)] out string? error)
    {
        attributes = null;
        var values = new string?[X400Attributes.StandardCount];
        var given = new bool[X400Attributes.StandardCount];
        var domainDefined = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var givenDomainDefined = new HashSet<string>(StringComparer.Ordinal);

        var span = text.AsSpan().Trim();
        if (span.EndsWith(';'))
        {
            span = span[..^1];
        }

        foreach (var range in span.Split(';'))
        {
            var part = span[range];
            if (part.IsWhiteSpace())
            {
                error = "X.400 address has an empty part between ';'";
                return false;
            }

            var equals = part.IndexOf('=');
            if (equals < 0)
            {
                error = $"X.400 part '{part.Trim()}' is not key=value";
                return false;
            }

            var key = part[..equals].Trim();
            var raw = part[(equals + 1)..];
            if (key.IsEmpty)
            {
                error = $"X.400 part '{part.Trim()}' has no key";
                return false;
            }

            if (key.StartsWith(DomainDefinedPrefix, StringComparison.OrdinalIgnoreCase))
            {
                var type = key[DomainDefinedPrefix.Length..].Trim().ToString().ToLowerInvariant();
                var name = DomainDefinedPrefix + type;
                if (type.Length == 0)
                {
                    error = "X.400 attribute 'dda:' has no type";
                    return false;
                }

                if (type.Length > MaxDomainDefinedTypeLength)
                {
                    error = $"X.400 attribute '{name}' has a type longer than {MaxDomainDefinedTypeLength} characters";
                    return false;
                }

                if (!givenDomainDefined.Add(type))
                {
                    error = $"X.400 attribute '{name}' is given twice";
                    return false;
                }

                if (!TryReadValue(name, raw, MaxDomainDefinedValueLength, wildcards, blankMeansAny: false, out var value, out error))
                {
                    return false;
                }

                if (value is not null)
                {
                    domainDefined[type] = value;
                }

                continue;
            }

            X400Attribute attribute;
            string keyName;
            if (key.Equals("ou", StringComparison.OrdinalIgnoreCase))
            {
                var free = Array.FindIndex(given, (int)X400Attribute.OrganisationalUnit1, 4, isGiven => !isGiven);
                if (free < 0)
                {
                    error = "X.400 address has more than four organisational units";
                    return false;
                }

                attribute = (X400Attribute)free;
                keyName = "ou";
            }
            else if (X400Attributes.TryGetAttribute(key, out attribute))
            {
                keyName = X400Attributes.KeyOf(attribute);
                if (given[(int)attribute])
                {
                    error = $"X.400 attribute '{keyName}' is given twice";
                    return false;
                }
            }
            else
            {
                error = $"X.400 attribute '{key.ToString().ToLowerInvariant()}' is unknown";
                return false;
            }

            given[(int)attribute] = true;
            if (!TryReadValue(keyName, raw, UpperBounds[(int)attribute], wildcards, attribute == X400Attribute.Admd, out var standardValue, out error))
            {
                return false;
            }

            if (attribute == X400Attribute.Country && standardValue is not null && !standardValue.EndsWith('*') && !IsCountry(standardValue))
            {
                error = $"X.400 country '{standardValue}' is not two letters or three digits";
                return false;
            }

            values[(int)attribute] = standardValue;
        }

        attributes = new X400Attributes([.. values], [.. domainDefined]);
        error = null;
        return true;
    }

    private static bool TryReadValue(string keyName, ReadOnlySpan<char> raw, int upperBound, bool wildcards, bool blankMeansAny, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        var trimmed = raw.Trim();
        if (trimmed.IsEmpty)
        {
            if (blankMeansAny)
            {
                value = " ";
                error = null;
                return true;
            }

            error = $"X.400 attribute '{keyName}' is empty";
            return false;
        }

        foreach (var c in trimmed)
        {
            if (char.IsControl(c))
            {
                error = $"X.400 attribute '{keyName}' contains a control character";
                return false;
            }
        }

        var significant = trimmed;
        if (wildcards)
        {
            if (trimmed is "*")
            {
                error = null;
                return true;
            }

            var star = trimmed.IndexOf('*');
            if (star >= 0 && star != trimmed.Length - 1)
            {
                error = $"X.400 attribute '{keyName}' has '*' before the end of its value";
                return false;
            }

            if (star >= 0)
            {
                significant = trimmed[..^1].TrimEnd();
            }
        }

        if (significant.Length > upperBound)
        {
            error = $"X.400 attribute '{keyName}' is longer than {upperBound} characters";
            return false;
        }

        value = trimmed.ToString().ToUpperInvariant();
        error = null;
        return true;
    }

    private static bool IsCountry(string value)
        => (value.Length == 2 && char.IsAsciiLetter(value[0]) && char.IsAsciiLetter(value[1]))
           || (value.Length == 3 && value.All(char.IsAsciiDigit));

    private static string? Completeness(X400Attributes attributes)
    {
        if (attributes.Country is null)
        {
            return "X.400 address has no country (c=)";
        }

        var surname = attributes[X400Attribute.Surname] is not null;
        if (!surname && attributes[X400Attribute.CommonName] is null && attributes.DomainDefined.IsEmpty)
        {
            return "X.400 address needs a surname (s=), common name (cn=) or domain-defined attribute (dda:TYPE=)";
        }

        foreach (var part in (ReadOnlySpan<X400Attribute>)[X400Attribute.GivenName, X400Attribute.Initials, X400Attribute.GenerationQualifier])
        {
            if (!surname && attributes[part] is not null)
            {
                return $"X.400 attribute '{X400Attributes.KeyOf(part)}' needs a surname (s=)";
            }
        }

        for (var unit = X400Attribute.OrganisationalUnit2; unit <= X400Attribute.OrganisationalUnit4; unit++)
        {
            if (attributes[unit] is not null && attributes[unit - 1] is null)
            {
                return $"X.400 attribute '{X400Attributes.KeyOf(unit)}' is given without '{X400Attributes.KeyOf(unit - 1)}'";
            }
        }

        return null;
    }
}
