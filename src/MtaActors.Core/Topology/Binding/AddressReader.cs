using MtaActors.Core.Addressing;

namespace MtaActors.Core.Topology.Binding;

/// <summary>Reads addresses, address types and address spaces from their text, failing with the parser's reason.</summary>
internal static class AddressReader
{
    private static readonly (string Name, AddressType Type)[] Types =
        [("smtp", AddressType.Smtp), ("x400", AddressType.X400), ("dn", AddressType.ExchangeDn)];

    public static Address Address(this FieldReader reader, string? text, string path)
    {
        var value = reader.Required(text, path);
        return Addressing.Address.TryParse(value, out var address, out var error)
            ? address
            : throw reader.Fail(path, $"malformed address '{value}': {error}");
    }

    public static AddressSpace Space(this FieldReader reader, string? type, string? pattern, int cost, string path)
    {
        var addressType = reader.Type(type, $"{path}.type");
        var text = reader.Required(pattern, $"{path}.pattern");
        return AddressSpace.TryCreate(addressType, text, cost, out var space, out var error)
            ? space
            : throw reader.Fail($"{path}.pattern", $"malformed pattern '{text}': {WithoutField(error, "pattern")}");
    }

    // The parser names the field it complains about ("pattern: ..."); our path already does.
    private static string WithoutField(string error, string field)
        => error.StartsWith(field + ": ", StringComparison.Ordinal) ? error[(field.Length + 2)..] : error;

    /// <summary>The configuration name of an address type, as used in messages and the documentation.</summary>
    public static string TypeName(AddressType type) => Array.Find(Types, t => t.Type == type).Name ?? type.ToString();

    private static AddressType Type(this FieldReader reader, string? text, string path)
    {
        var name = reader.Required(text, path);
        foreach (var (candidate, type) in Types)
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        throw reader.Fail(path, $"unknown address type '{name}' (expected {string.Join(", ", Types.Select(t => t.Name))})");
    }
}
