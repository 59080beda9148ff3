using System.Diagnostics.CodeAnalysis;

namespace MtaActors.Core.Addressing;

/// <summary>Recognises and canonicalises SMTP, X.400 O/R and Exchange DN addresses.</summary>
internal static class AddressParser
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out Address? address, [NotNullWhen(false)] out string? error)
        => throw new NotImplementedException("helper A");
}
