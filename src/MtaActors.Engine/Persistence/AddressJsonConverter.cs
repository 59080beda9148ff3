using System.Text.Json;
using System.Text.Json.Serialization;
using MtaActors.Core.Addressing;

namespace MtaActors.Engine.Persistence;

/// <summary>Writes an address as its canonical text; reading parses it again, so an invalid address stays invalid with its reason.</summary>
internal sealed class AddressJsonConverter : JsonConverter<Address>
{
    public override Address Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Address.FromUserInput(reader.GetString());

    public override void Write(Utf8JsonWriter writer, Address value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.Value);
}
