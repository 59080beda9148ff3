using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace MtaActors.Core.Addressing;

/// <summary>
/// An X.400 address-space pattern: an attribute list in which omitted attributes, <c>*</c> values and an ADMD of a
/// single space (X.400's "any ADMD") match anything, and a value ending in <c>*</c> matches by prefix. <c>*</c> alone
/// matches every X.400 address. Specificity is <c>2 × exact attributes + prefix attributes</c>, so each pinned
/// attribute counts and a whole value pins more than a prefix.
/// </summary>
internal sealed class X400Pattern : AddressPattern
{
    private readonly ImmutableArray<(X400Attribute Attribute, string Value, bool Prefix)> _standard;
    private readonly ImmutableArray<(string Type, string Value, bool Prefix)> _domainDefined;

    private X400Pattern(
        string canonical,
        ImmutableArray<(X400Attribute Attribute, string Value, bool Prefix)> standard,
        ImmutableArray<(string Type, string Value, bool Prefix)> domainDefined)
        : base(canonical, Score(standard.Select(c => c.Prefix)) + Score(domainDefined.Select(c => c.Prefix)))
    {
        _standard = standard;
        _domainDefined = domainDefined;
        PinnedCountry = Exact(X400Attribute.Country);
        PinnedOrganisation = Exact(X400Attribute.Organisation);
    }

    /// <summary>The country the pattern pins exactly (no wildcard), used to index the routing table.</summary>
    public string? PinnedCountry { get; }

    /// <summary>The organisation the pattern pins exactly, used to index the routing table.</summary>
    public string? PinnedOrganisation { get; }

    public static bool TryParse(string pattern, [NotNullWhen(true)] out X400Pattern? result, [NotNullWhen(false)] out string? error)
    {
        result = null;
        if (pattern.Trim() is "*")
        {
            result = new X400Pattern("*", [], []);
            error = null;
            return true;
        }

        if (!X400Syntax.TryParse(pattern, wildcards: true, out var attributes, out error))
        {
            return false;
        }

        var standard = ImmutableArray.CreateBuilder<(X400Attribute, string, bool)>();
        for (var attribute = X400Attribute.Country; attribute <= X400Attribute.CommonName; attribute++)
        {
            if (attributes[attribute] is { } value && !(attribute == X400Attribute.Admd && value == " "))
            {
                standard.Add(Condition(attribute, value));
            }
        }

        var domainDefined = attributes.DomainDefined
            .Select(pair => Condition(pair.Key, pair.Value))
            .ToImmutableArray();
        result = new X400Pattern(attributes.IsEmpty ? "*" : attributes.Format(), standard.ToImmutable(), domainDefined);
        return true;
    }

    public override bool Matches(Address address)
    {
        if (address.X400 is not { } attributes)
        {
            return false;
        }

        foreach (var (attribute, value, prefix) in _standard)
        {
            if (!Satisfies(attributes[attribute], value, prefix))
            {
                return false;
            }
        }

        foreach (var (type, value, prefix) in _domainDefined)
        {
            if (!Satisfies(attributes.DomainDefinedValue(type), value, prefix))
            {
                return false;
            }
        }

        return true;
    }

    private static (TKey, string, bool) Condition<TKey>(TKey key, string value)
        => value.EndsWith('*') ? (key, value[..^1].TrimEnd(), true) : (key, value, false);

    private static bool Satisfies(string? actual, string value, bool prefix)
        => actual is not null
           && (prefix ? actual.StartsWith(value, StringComparison.Ordinal) : string.Equals(actual, value, StringComparison.Ordinal));

    private static int Score(IEnumerable<bool> prefixes) => prefixes.Sum(prefix => prefix ? 1 : 2);

    private string? Exact(X400Attribute attribute)
    {
        foreach (var condition in _standard)
        {
            if (condition.Attribute == attribute && !condition.Prefix)
            {
                return condition.Value;
            }
        }

        return null;
    }
}
