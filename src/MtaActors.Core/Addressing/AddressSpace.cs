using System.Diagnostics.CodeAnalysis;

namespace MtaActors.Core.Addressing;

/// <summary>
/// A connector's claim on part of the address world: an address type, a pattern with <c>*</c> wildcards and a
/// cost from 1 to 100. Patterns:
/// SMTP <c>*@contoso.com</c>, <c>*@*.contoso.com</c>, <c>*</c>;
/// X.400 attribute lists where omitted attributes and <c>*</c> values match anything (<c>c=FR;p=Contoso;o=Paris</c>);
/// Exchange DN prefixes (<c>/O=CONTOSO/OU=PARIS/*</c>).
/// </summary>
public sealed record AddressSpace
{
    private AddressSpace(AddressType type, string pattern, int cost, int specificity)
    {
        Type = type;
        Pattern = pattern;
        Cost = cost;
        Specificity = specificity;
    }

    public AddressType Type { get; }
    public string Pattern { get; }
    public int Cost { get; }

    /// <summary>How much of an address the pattern pins down; the router prefers the highest.</summary>
    public int Specificity { get; }

    public static bool TryCreate(AddressType type, string pattern, int cost, [NotNullWhen(true)] out AddressSpace? space, [NotNullWhen(false)] out string? error)
        => throw new NotImplementedException("helper A");

    public bool Matches(Address address) => throw new NotImplementedException("helper A");

    public override string ToString() => $"{Type}:{Pattern} (cost {Cost})";
}
