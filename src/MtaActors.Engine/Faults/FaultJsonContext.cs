using System.Text.Json;
using System.Text.Json.Serialization;
using MtaActors.Core.Json;

namespace MtaActors.Engine.Faults;

/// <summary>
/// Source-generated reading of fault contracts: web names (camelCase, case-insensitive), unknown members refused,
/// scalars read strictly (a number is never a string) so every error names its field.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters = [typeof(StrictScalarConverters.String), typeof(StrictScalarConverters.Double), typeof(StrictScalarConverters.Int64), typeof(StrictScalarConverters.Boolean)])]
[JsonSerializable(typeof(FaultContract))]
[JsonSerializable(typeof(DownFaultContract))]
[JsonSerializable(typeof(HangFaultContract))]
[JsonSerializable(typeof(LatencyFaultContract))]
[JsonSerializable(typeof(BandwidthFaultContract))]
[JsonSerializable(typeof(RateFaultContract))]
[JsonSerializable(typeof(FlapFaultContract))]
[JsonSerializable(typeof(CrashFaultContract))]
public sealed partial class FaultJsonContext : JsonSerializerContext;
