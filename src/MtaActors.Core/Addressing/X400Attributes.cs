using System.Collections.Immutable;
using System.Text;

namespace MtaActors.Core.Addressing;

/// <summary>
/// The attributes of an X.400 O/R address or address-space pattern, values trimmed and upper-cased (X.400 compares
/// case-insensitively), domain-defined attributes sorted by their lower-case type. Formats to the canonical text.
/// </summary>
internal sealed class X400Attributes
{
    public const int StandardCount = (int)X400Attribute.CommonName + 1;

    private static readonly string[] Keys = ["c", "a", "p", "o", "ou1", "ou2", "ou3", "ou4", "s", "g", "i", "q", "cn"];

    private readonly ImmutableArray<string?> _values;

    public X400Attributes(ImmutableArray<string?> values, ImmutableArray<KeyValuePair<string, string>> domainDefined)
    {
        if (values.Length != StandardCount)
        {
            throw new ArgumentException($"expected {StandardCount} standard attribute slots", nameof(values));
        }

        _values = values;
        DomainDefined = domainDefined;
    }

    /// <summary>Domain-defined attributes as (type, value), sorted by type.</summary>
    public ImmutableArray<KeyValuePair<string, string>> DomainDefined { get; }

    public string? this[X400Attribute attribute] => _values[(int)attribute];

    public string? Country => this[X400Attribute.Country];

    public string? Organisation => this[X400Attribute.Organisation];

    /// <summary>True when nothing at all is given (a pattern made only of <c>*</c> values).</summary>
    public bool IsEmpty => DomainDefined.IsEmpty && _values.All(value => value is null);

    public static string KeyOf(X400Attribute attribute) => Keys[(int)attribute];

    /// <summary>The standard attribute a lower-case key names (<c>ou</c> is not one: it is numbered by position).</summary>
    public static bool TryGetAttribute(ReadOnlySpan<char> key, out X400Attribute attribute)
    {
        for (var i = 0; i < Keys.Length; i++)
        {
            if (key.Equals(Keys[i], StringComparison.OrdinalIgnoreCase))
            {
                attribute = (X400Attribute)i;
                return true;
            }
        }

        attribute = default;
        return false;
    }

    public string? DomainDefinedValue(string type)
    {
        foreach (var (key, value) in DomainDefined)
        {
            if (string.Equals(key, type, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The canonical text: <c>c=US;a= ;p=CONTOSO;o=PARIS;s=SMITH;g=JOHN</c>.</summary>
    public string Format()
    {
        var text = new StringBuilder();
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] is { } value)
            {
                Append(text, Keys[i], value);
            }
        }

        foreach (var (type, value) in DomainDefined)
        {
            Append(text, "dda:" + type, value);
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, string key, string value)
    {
        if (text.Length > 0)
        {
            text.Append(';');
        }

        text.Append(key).Append('=').Append(value);
    }
}
