using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using MtaActors.Core.Json;

namespace MtaActors.Engine.Faults;

/// <summary>
/// The <c>kind</c> discriminator of <see cref="FaultContract"/>: finds <c>kind</c> wherever it is in the object (matched
/// case-insensitively, as the other members are), refuses members the kind does not have with the ones it does, and
/// hands the object to that kind's source-generated contract. System.Text.Json's own polymorphism wants the
/// discriminator first and exact, and its errors do not say which kinds exist; an operator's hand-written fault
/// deserves both.
/// </summary>
public sealed class FaultContractConverter : JsonConverter<FaultContract>
{
    private const string KindField = "kind";

    private static readonly ImmutableDictionary<string, Func<JsonTypeInfo>> Contracts = new Dictionary<string, Func<JsonTypeInfo>>
    {
        [FaultKinds.Down] = () => FaultJsonContext.Default.DownFaultContract,
        [FaultKinds.Hang] = () => FaultJsonContext.Default.HangFaultContract,
        [FaultKinds.Latency] = () => FaultJsonContext.Default.LatencyFaultContract,
        [FaultKinds.Bandwidth] = () => FaultJsonContext.Default.BandwidthFaultContract,
        [FaultKinds.ErrorRate] = () => FaultJsonContext.Default.RateFaultContract,
        [FaultKinds.Flap] = () => FaultJsonContext.Default.FlapFaultContract,
        [FaultKinds.Corrupt] = () => FaultJsonContext.Default.RateFaultContract,
        [FaultKinds.Reset] = () => FaultJsonContext.Default.RateFaultContract,
        [FaultKinds.Crash] = () => FaultJsonContext.Default.CrashFaultContract,
    }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    private static string ExpectedKinds => string.Join(", ", FaultKinds.All);

    public override FaultContract Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonFieldException("must be a JSON object", reader.TokenType);
        }

        var (kind, names) = Scan(reader);
        if (!Contracts.TryGetValue(kind, out var contract))
        {
            throw new JsonFieldException($"unknown fault kind '{kind}' (expected {ExpectedKinds})", field: KindField);
        }

        kind = kind.ToLowerInvariant();
        var type = contract();
        // The error lists the kind's own members; the shared ones (toxicity) are taken by every kind and documented once.
        var members = type.Properties
            .Where(p => !string.Equals(p.Name, KindField, StringComparison.OrdinalIgnoreCase) && !FaultContract.SharedMembers.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
            .Select(p => p.Name)
            .ToArray();
        foreach (var name in names)
        {
            if (!string.Equals(name, KindField, StringComparison.OrdinalIgnoreCase)
                && !FaultContract.SharedMembers.Contains(name, StringComparer.OrdinalIgnoreCase)
                && !members.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                var expected = members.Length == 0 ? "no other properties" : $"expected {string.Join(", ", members)}";
                throw new JsonFieldException($"unknown property for {kind} ({expected})", field: name);
            }
        }

        var read = (FaultContract)JsonSerializer.Deserialize(ref reader, type)!;
        return read with { Kind = kind };
    }

    public override void Write(Utf8JsonWriter writer, FaultContract value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        JsonSerializer.Serialize(writer, value, FaultJsonContext.Default.GetTypeInfo(value.GetType())!);
    }

    /// <summary>The kind and every member name, read from a copy of the reader so the contract still reads the whole object.</summary>
    private static (string Kind, List<string> Names) Scan(Utf8JsonReader reader)
    {
        string? kind = null;
        var names = new List<string>();
        var depth = reader.CurrentDepth;
        while (reader.Read() && !(reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth))
        {
            var name = reader.GetString()!;
            names.Add(name);
            reader.Read();
            if (string.Equals(name, KindField, StringComparison.OrdinalIgnoreCase))
            {
                if (kind is not null)
                {
                    throw new JsonFieldException("given more than once", field: KindField);
                }

                kind = reader.TokenType == JsonTokenType.String
                    ? reader.GetString()!
                    : throw new JsonFieldException("must be a string", reader.TokenType, KindField);
            }

            reader.Skip();
        }

        return (kind ?? throw new JsonFieldException($"required (expected {ExpectedKinds})", field: KindField), names);
    }
}
