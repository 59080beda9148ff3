using System.Diagnostics.CodeAnalysis;

namespace MtaActors.Core.Addressing;

/// <summary>
/// A connector's claim on part of the address world: an address type, a pattern with <c>*</c> wildcards and a
/// cost from 1 to 100. Patterns:
/// SMTP <c>jsmith@contoso.com</c>, <c>*@contoso.com</c> (or <c>contoso.com</c>), <c>*@*.contoso.com</c>, <c>*</c>;
/// X.400 attribute lists where omitted attributes and <c>*</c> values match anything and a trailing <c>*</c> matches
/// a prefix (<c>c=FR;p=Contoso;o=Par*</c>);
/// Exchange DN prefixes (<c>/O=CONTOSO/OU=PARIS/*</c>).
/// Specificity (higher wins; only compared between spaces of one type):
/// SMTP <c>2 × domain labels</c> for <c>*@*.domain</c>, plus 1 for <c>*@domain</c>, plus 2 for one address, 0 for <c>*</c>;
/// X.400 2 per exactly pinned attribute and 1 per prefix-pinned one;
/// Exchange DN the number of components.
/// </summary>
public sealed record AddressSpace
{
    public const int MinCost = 1;
    public const int MaxCost = 100;

    private AddressSpace(AddressType type, AddressPattern matcher, int cost)
    {
        Type = type;
        Pattern = matcher.Canonical;
        Cost = cost;
        Specificity = matcher.Specificity;
        Matcher = matcher;
    }

    public AddressType Type { get; }

    /// <summary>The pattern in canonical form (bare <c>contoso.com</c> reads <c>*@contoso.com</c>, X.400 values upper-cased).</summary>
    public string Pattern { get; }

    public int Cost { get; }

    /// <summary>How much of an address the pattern pins down; the router prefers the highest.</summary>
    public int Specificity { get; }

    internal AddressPattern Matcher { get; }

    public static bool TryCreate(AddressType type, string pattern, int cost, [NotNullWhen(true)] out AddressSpace? space, [NotNullWhen(false)] out string? error)
    {
        space = null;
        if (type is not (AddressType.Smtp or AddressType.X400 or AddressType.ExchangeDn))
        {
            error = $"type: {type} is not an address type that can be routed";
            return false;
        }

        if (cost is < MinCost or > MaxCost)
        {
            error = $"cost: must be between {MinCost} and {MaxCost} (got {cost})";
            return false;
        }

        if (string.IsNullOrWhiteSpace(pattern))
        {
            error = "pattern: is empty";
            return false;
        }

        string? reason = null;
        AddressPattern? matcher = type switch
        {
            AddressType.Smtp => SmtpPattern.TryParse(pattern, out var smtp, out reason) ? smtp : null,
            AddressType.X400 => X400Pattern.TryParse(pattern, out var x400, out reason) ? x400 : null,
            _ => ExchangeDnPattern.TryParse(pattern, out var dn, out reason) ? dn : null,
        };
        if (matcher is null)
        {
            error = $"pattern: {reason}";
            return false;
        }

        space = new AddressSpace(type, matcher, cost);
        error = null;
        return true;
    }

    /// <summary>Creates or throws <see cref="ArgumentException"/> naming the problem (for code and tests, not for user input).</summary>
    public static AddressSpace Create(AddressType type, string pattern, int cost)
        => TryCreate(type, pattern, cost, out var space, out var error) ? space : throw new ArgumentException(error, nameof(pattern));

    /// <summary>False for an address of another type or an invalid one.</summary>
    public bool Matches(Address address) => address.Type == Type && Matcher.Matches(address);

    // The matcher follows from type and canonical pattern, so equality is on those and the cost.
    public bool Equals(AddressSpace? other)
        => other is not null
           && Type == other.Type
           && Cost == other.Cost
           && string.Equals(Pattern, other.Pattern, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Type, StringComparer.Ordinal.GetHashCode(Pattern), Cost);

    public override string ToString() => $"{Type}:{Pattern} (cost {Cost})";
}
