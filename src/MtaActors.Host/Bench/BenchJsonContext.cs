using System.Text.Json;
using System.Text.Json.Serialization;

namespace MtaActors.Host.Bench;

/// <summary>Source-generated JSON for the benchmark report (camelCase, indented for people who open the file).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true)]
[JsonSerializable(typeof(BenchReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
