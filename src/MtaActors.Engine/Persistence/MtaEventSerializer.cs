using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Actor;
using System.Runtime.CompilerServices;
using System.Runtime.Serialization;
using Akka.Serialization;

namespace MtaActors.Engine.Persistence;

/// <summary>
/// Serializes journal events and snapshots as compact JSON (System.Text.Json) under stable string manifests
/// (see <see cref="PersistedTypes"/>), sealed with a CRC-32C (<see cref="JournalChecksum"/>). JSON keeps the journal
/// readable by <c>mta check</c> and by people; the checksum makes damage that leaves valid JSON an error, not a
/// different message. Payloads written before checksums are still read, and remembered as unverified.
/// </summary>
public sealed class MtaEventSerializer : SerializerWithStringManifest
{
    /// <summary>Akka serializer id; ids below 100 are reserved by Akka.</summary>
    public const int SerializerId = 7451;

    internal static readonly JsonSerializerOptions Options = CreateOptions();

    public MtaEventSerializer(ExtendedActorSystem system) : base(system) { }

    public override int Identifier => SerializerId;

    /// <summary>Objects read from payloads without a checksum (format 1); weak, so it holds nothing alive.</summary>
    private static readonly ConditionalWeakTable<object, object> Unverified = [];

    /// <summary>True when <paramref name="persisted"/> was read from a payload written before checksums, so nothing vouches for it.</summary>
    public static bool IsUnverified(object persisted) => Unverified.TryGetValue(persisted, out _);

    public override byte[] ToBinary(object obj)
        => JournalChecksum.Seal(JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options));

    public override object FromBinary(byte[] bytes, string manifest)
    {
        if (!PersistedTypes.ByManifest.TryGetValue(manifest, out var type))
        {
            throw new SerializationException($"unknown manifest '{manifest}'");
        }

        var json = JournalChecksum.Open(bytes, manifest, out var verified);
        var read = JsonSerializer.Deserialize(json.Span, type, Options) ?? throw new SerializationException($"empty payload for {manifest}");
        if (!verified)
        {
            Unverified.AddOrUpdate(read, manifest);
        }

        return read;
    }

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
