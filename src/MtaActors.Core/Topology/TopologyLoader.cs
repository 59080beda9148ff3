using System.Text.Json;
using Microsoft.Extensions.Configuration;
using MtaActors.Core.Topology.Binding;

namespace MtaActors.Core.Topology;

/// <summary>
/// Reads a topology JSON file through Microsoft.Extensions.Configuration and validates it into a <see cref="Topology"/>.
/// The format and every rule are described in docs/topology.md.
/// </summary>
public static class TopologyLoader
{
    /// <summary>
    /// Loads and validates; throws <see cref="TopologyException"/> with a one-line reason that starts with
    /// <paramref name="path"/> as given. A relative path is taken from the current directory.
    /// </summary>
    public static Topology Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new TopologyException($"{path}: file not found");
        }

        IConfiguration configuration;
        try
        {
            configuration = new ConfigurationBuilder().AddJsonFile(fullPath, optional: false, reloadOnChange: false).Build();
        }
        catch (InvalidDataException e) when (e.InnerException is JsonException or FormatException)
        {
            // The provider wraps the parser's error twice; the innermost reason (with line and position) is what the user needs.
            throw new TopologyException($"{path}: invalid JSON: {FieldReader.OneLine(e.GetBaseException().Message)}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new TopologyException($"{path}: cannot read: {FieldReader.OneLine(e.Message)}", e);
        }

        return Load(configuration, path);
    }

    /// <summary>
    /// Validates an already-built configuration (a whole file or a section of one); <paramref name="source"/> names it
    /// in errors. Unknown properties are errors, so a misspelt setting never silently falls back to its default.
    /// </summary>
    public static Topology Load(IConfiguration configuration, string source)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var reader = new FieldReader(source);
        ConfigurationShape.Check(configuration, typeof(TopologyOptions), reader);
        var options = configuration.Get<TopologyOptions>() ?? new TopologyOptions();
        return TopologyValidator.Validate(options, reader);
    }
}
