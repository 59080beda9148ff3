using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace MtaActors.Core.Addressing;

/// <summary>
/// Reads Exchange distinguished names, <c>/O=ORG/OU=SITE/CN=RECIPIENTS/CN=JSMITH</c>: <c>KEY=VALUE</c> components
/// separated by <c>/</c>, keys O, OU and CN (case-insensitive), O first and only first, no empty values.
/// The canonical form is upper-case without a trailing slash.
/// </summary>
internal static class ExchangeDnSyntax
{
    public static bool TryParse(string trimmed, [NotNullWhen(true)] out string? canonical, out int components, [NotNullWhen(false)] out string? error)
    {
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
        foreach (var range in text.Split('/'))
        {
            var component = text[range];
            if (component.IsWhiteSpace())
            {
                error = "Exchange DN has an empty component";
                return false;
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
