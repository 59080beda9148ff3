using System.Text.Json;
using System.Text.Json.Serialization;
using MtaActors.Core.Json;

namespace MtaActors.Host.Api;

/// <summary>
/// Source-generated reading of every admin API request body: web names (camelCase, case-insensitive), unknown members
/// refused, scalars read strictly (a number is never a string), so that <see cref="JsonInput"/> can name each bad field.
/// Faults have their own context beside their contracts in the engine.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters =
    [
        typeof(StrictScalarConverters.String), typeof(StrictScalarConverters.Int64), typeof(StrictScalarConverters.Boolean),
        typeof(StrictScalarConverters.DateTimeOffsetValue),
    ])]
[JsonSerializable(typeof(SubmissionContract))]
[JsonSerializable(typeof(List<SubmissionContract?>))]
[JsonSerializable(typeof(PurgeContract))]
[JsonSerializable(typeof(FlushContract))]
[JsonSerializable(typeof(DisableContract))]
[JsonSerializable(typeof(FaultSeedContract))]
public sealed partial class AdminRequestJsonContext : JsonSerializerContext;
