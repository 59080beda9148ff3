using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace MtaActors.Core.Topology.Binding;

/// <summary>
/// Walks a configuration tree against the option classes before binding. The binder ignores keys it does not know,
/// so a typo (<c>adressSpaces</c>) would silently drop a setting; here it is an error with its path. It also refuses
/// an object where a value belongs (and the reverse) and empty array elements, which the binder would skip and so
/// shift every later index in the messages.
/// </summary>
internal static class ConfigurationShape
{
    public static void Check(IConfiguration configuration, Type shape, FieldReader reader)
        => CheckObject(configuration.GetChildren(), shape, path: "", reader);

    private static void CheckObject(IEnumerable<IConfigurationSection> children, Type shape, string path, FieldReader reader)
    {
        var properties = shape.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (var child in children)
        {
            var property = Array.Find(properties, p => string.Equals(p.Name, child.Key, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                var expected = string.Join(", ", properties.Select(JsonName));
                throw reader.Fail(Join(path, child.Key), $"unknown property (expected one of {expected})");
            }

            CheckValue(child, property.PropertyType, Join(path, JsonName(property)), reader);
        }
    }

    private static void CheckValue(IConfigurationSection section, Type type, string path, FieldReader reader)
    {
        var children = section.GetChildren().ToList();
        if (type == typeof(string))
        {
            if (children.Count > 0)
            {
                throw reader.Fail(path, "expected a single value, not an object or array");
            }

            return;
        }

        var element = ListElement(type);
        if (!string.IsNullOrEmpty(section.Value))
        {
            throw reader.Fail(path, element is null ? "expected an object" : "expected an array");
        }

        if (element is null)
        {
            CheckObject(children, type, path, reader);
            return;
        }

        foreach (var child in children)
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw reader.Fail(path, "expected an array");
            }

            var itemPath = $"{path}[{index}]";
            if (child.Value is null && !child.GetChildren().Any())
            {
                throw reader.Fail(itemPath, "must not be empty");
            }

            CheckValue(child, element, itemPath, reader);
        }
    }

    private static Type? ListElement(Type type)
        => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;

    private static string JsonName(PropertyInfo property)
        => string.Concat(char.ToLowerInvariant(property.Name[0]).ToString(), property.Name[1..]);

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
