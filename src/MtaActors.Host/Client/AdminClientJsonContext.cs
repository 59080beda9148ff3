using System.Text.Json;
using System.Text.Json.Serialization;
using MtaActors.Host.Api;

namespace MtaActors.Host.Client;

/// <summary>
/// Source-generated JSON for what the client writes (the API's request contracts, members left unset omitted) and for
/// the replies the daemon writes without a context of its own (fault listings). Every other reply is read through the
/// daemon's own <see cref="ApiJsonContext"/>, so both ends share one contract.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SubmissionContract))]
[JsonSerializable(typeof(IReadOnlyList<SubmissionContract>))]
[JsonSerializable(typeof(PurgeContract))]
[JsonSerializable(typeof(FlushContract))]
[JsonSerializable(typeof(DisableContract))]
[JsonSerializable(typeof(IReadOnlyList<Dictionary<string, JsonElement>>))]
[JsonSerializable(typeof(IReadOnlyList<LinkFaults>))]
internal sealed partial class AdminClientJsonContext : JsonSerializerContext;
