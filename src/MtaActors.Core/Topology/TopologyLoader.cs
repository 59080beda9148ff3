using Microsoft.Extensions.Configuration;

namespace MtaActors.Core.Topology;

/// <summary>Reads a topology JSON file through Microsoft.Extensions.Configuration and validates it into a <see cref="Topology"/>.</summary>
public static class TopologyLoader
{
    /// <summary>Loads and validates; throws <see cref="TopologyException"/> with a one-line reason.</summary>
    public static Topology Load(string path) => throw new NotImplementedException("helper B");

    /// <summary>Validates an already-built configuration; <paramref name="source"/> names it in errors.</summary>
    public static Topology Load(IConfiguration configuration, string source) => throw new NotImplementedException("helper B");
}
