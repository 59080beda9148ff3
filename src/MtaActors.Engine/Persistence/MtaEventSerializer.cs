using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using System.Runtime.Serialization;
using Akka.Serialization;

namespace MtaActors.Engine.Persistence;

/// <summary>
/// Serializes journal events and snapshots as compact JSON (System.Text.Json) under stable string manifests
/// (see <see cref="PersistedTypes"/>). JSON keeps the journal readable by <c>mta check</c> and by people.
/// </summary>
public sealed class MtaEventSerializer : SerializerWithStringManifest
{
    /// <summary>Akka serializer id; ids below 100 are reserved by Akka.</summary>
    public const int SerializerId = 7451;

    internal static readonly JsonSerializerOptions Options = CreateOptions();

    public MtaEventSerializer(ExtendedActorSystem system) : base(system) { }

    public override int Identifier => SerializerId;

    public override byte[] ToBinary(object obj)
        => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);

    public override object FromBinary(byte[] bytes, string manifest)
        => PersistedTypes.ByManifest.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Options) ?? throw new SerializationException($"empty payload for {manifest}")
            : throw new SerializationException($"unknown manifest '{manifest}'");

    public override string Manifest(object o)
        => PersistedTypes.ByType.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new SerializationException($"{o.GetType()} is not a persisted MtaActors type");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new AddressJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
        return options;
    }
}
