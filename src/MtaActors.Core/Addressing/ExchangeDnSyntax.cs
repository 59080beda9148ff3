using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace MtaActors.Core.Addressing;

/// <summary>
/// Reads Exchange distinguished names, <c>/O=ORG/OU=SITE/CN=RECIPIENTS/CN=JSMITH</c>: <c>KEY=VALUE</c> components
/// separated by <c>/</c>, keys O, OU and CN (case-insensitive), O first and only first, no empty values.
/// The canonical form is upper-case without a trailing slash. Addresses and address-space patterns share this one
/// reader, so a pattern can never accept a DN shape (an empty component, say) that no address can have.
/// </summary>
internal static class ExchangeDnSyntax
{
    public static bool TryParse(string trimmed, [NotNullWhen(true)] out string? canonical, out int components, [NotNullWhen(false)] out string? error)
        => TryParse(trimmed, wildcardLast: false, out canonical, out components, out _, out error);

    /// <summary>
    /// Reads a DN; with <paramref name="wildcardLast"/>, a last component <c>*</c> (a pattern's subtree) is allowed and
    /// reported in <paramref name="hasWildcard"/>, not part of <paramref name="canonical"/>. Empty components are refused
    /// wherever they are, the one before a <c>*</c> included (<c>/O=CONTOSO//*</c>).
    /// </summary>
    public static bool TryParse(
        string trimmed,
        bool wildcardLast,
        [NotNullWhen(true)] out string? canonical,
        out int components,
        out bool hasWildcard,
        [NotNullWhen(false)] out string? error)
    {
        hasWildcard = false;
        canonical = null;
        components = 0;
        var text = trimmed.AsSpan();
        if (!text.StartsWith('/'))
        {
            error = "Exchange DN must start with /O=";
            return false;
        }

        text = text[1..];
        if (text.EndsWith('/'))
        {
            text = text[..^1];
        }

        var result = new StringBuilder(trimmed.Length);
        var ranges = new List<Range>();
        foreach (var range in text.Split('/'))
        {
            ranges.Add(range);
        }

        for (var index = 0; index < ranges.Count; index++)
        {
            var component = text[ranges[index]];
            if (component.IsWhiteSpace())
            {
                error = "Exchange DN has an empty component";
                return false;
            }

            if (wildcardLast && component.Contains('*'))
            {
                if (index < ranges.Count - 1 || component.Trim() is not "*")
                {
                    error = "Exchange DN pattern allows '*' only as a last component";
                    return false;
                }

                hasWildcard = true;
                break;
            }

            var equals = component.IndexOf('=');
            if (equals < 0)
            {
                error = $"Exchange DN component '{component.Trim()}' is not KEY=VALUE";
                return false;
            }

            var key = component[..equals].Trim().ToString().ToUpperInvariant();
            var value = component[(equals + 1)..].Trim();
            if (key is not ("O" or "OU" or "CN"))
            {
                error = $"Exchange DN key '{key}' is unknown (expected O, OU or CN)";
                return false;
            }

            if (components == 0 && key != "O")
            {
                error = "Exchange DN must start with /O=";
                return false;
            }

            if (components > 0 && key == "O")
            {
                error = "Exchange DN has O= after its first component";
                return false;
            }

            if (value.IsEmpty)
            {
                error = $"Exchange DN component {key}= has an empty value";
                return false;
            }

            foreach (var c in value)
            {
                if (char.IsControl(c))
                {
                    error = "Exchange DN contains a control character";
                    return false;
                }
            }

            result.Append('/').Append(key).Append('=').Append(value.ToString().ToUpperInvariant());
            components++;
        }

        canonical = result.ToString();
        error = null;
        return true;
    }
}
