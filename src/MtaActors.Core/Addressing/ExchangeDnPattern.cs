using System.Diagnostics.CodeAnalysis;

namespace MtaActors.Core.Addressing;

/// <summary>
/// An Exchange DN address-space pattern: a DN prefix, <c>/O=CONTOSO/OU=PARIS</c> or <c>/O=CONTOSO/OU=PARIS/*</c>,
/// matching that object and its subtree component by component (so <c>/O=CONTOSO/OU=PAR</c> does not match
/// <c>/O=CONTOSO/OU=PARIS</c>); <c>*</c> alone matches every DN. Specificity is the number of components.
/// The canonical form ends in <c>/*</c>.
/// </summary>
internal sealed class ExchangeDnPattern : AddressPattern
{
    private ExchangeDnPattern(string prefix, int components)
        : base(prefix.Length == 0 ? "*" : prefix + "/*", components)
    {
        Prefix = prefix;
    }

    /// <summary>The canonical DN the subtree hangs from, without <c>/*</c>; empty for every DN.</summary>
    public string Prefix { get; }

    public static bool TryParse(string pattern, [NotNullWhen(true)] out ExchangeDnPattern? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        var text = pattern.Trim();
        if (text is "*" or "/*")
        {
            result = new ExchangeDnPattern("", 0);
            error = null;
            return true;
        }

        if (!ExchangeDnSyntax.TryParse(text, wildcardLast: true, out var prefix, out var components, out _, out error))
        {
            return false;
        }

        result = new ExchangeDnPattern(prefix, components);
        return true;
    }

    public override bool Matches(Address address)
        => address.Type == AddressType.ExchangeDn && IsInSubtree(address.Value, Prefix);

    private static bool IsInSubtree(string dn, string prefix)
        => dn.StartsWith(prefix, StringComparison.Ordinal) && (dn.Length == prefix.Length || dn[prefix.Length] == '/');
}
