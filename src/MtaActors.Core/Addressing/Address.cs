using System.Diagnostics.CodeAnalysis;

namespace MtaActors.Core.Addressing;

/// <summary>
/// A parsed address in canonical form, so that two spellings of one address compare equal.
/// Canonical forms: SMTP lower-cased; X.400 attributes lower-case keys in the fixed order
/// c, a, p, o, ou1..ou4, s, g, i, q, cn, dda:* with values trimmed and compared case-insensitively;
/// Exchange DN upper-cased with no trailing slash.
/// </summary>
public sealed record Address
{
    private Address(AddressType type, string value, string? error, X400Attributes? x400)
    {
        Type = type;
        Value = value;
        Error = error;
        X400 = x400;
    }

    public AddressType Type { get; }

    /// <summary>The canonical text (or, for <see cref="AddressType.Invalid"/>, the text as given).</summary>
    public string Value { get; }

    /// <summary>Why the text is not a valid address; null for valid addresses.</summary>
    public string? Error { get; }

    public bool IsValid => Type != AddressType.Invalid;

    /// <summary>The parsed attributes of an X.400 address, kept so address spaces match without parsing again.</summary>
    internal X400Attributes? X400 { get; }

    /// <summary>Parses any of the three families, telling them apart by shape. Never throws.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Address? address, [NotNullWhen(false)] out string? error)
        => AddressParser.TryParse(text, out address, out error);

    /// <summary>Parses or throws <see cref="FormatException"/> naming the problem.</summary>
    public static Address Parse(string text)
        => TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    /// <summary>
    /// For recipients typed by users: a valid address, or an <see cref="AddressType.Invalid"/> one that carries
    /// the reason, so the message is still accepted and that recipient gets a non-delivery report.
    /// </summary>
    public static Address FromUserInput(string? text)
        => TryParse(text, out var address, out var error) ? address : new Address(AddressType.Invalid, text ?? "", error, null);

    internal static Address Create(AddressType type, string canonical) => new(type, canonical, null, null);

    internal static Address CreateX400(X400Attributes attributes) => new(AddressType.X400, attributes.Format(), null, attributes);

    // The parsed X.400 attributes follow from the canonical text, so equality is on the text alone.
    public bool Equals(Address? other)
        => other is not null
           && Type == other.Type
           && string.Equals(Value, other.Value, StringComparison.Ordinal)
           && string.Equals(Error, other.Error, StringComparison.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Type, StringComparer.Ordinal.GetHashCode(Value));

    public override string ToString() => Value;
}
