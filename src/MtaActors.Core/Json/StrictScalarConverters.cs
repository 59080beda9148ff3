using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MtaActors.Core.Json;

/// <summary>
/// Scalar converters for request contracts that take a value only in its own JSON type (no <c>"5"</c> for a number,
/// no <c>1</c> for a string) and complain with a <see cref="JsonFieldException"/> that <see cref="JsonInput"/> turns into
/// <c>field: expected a string (got a number)</c>. Writing is the ordinary one. Nulls never reach them (System.Text.Json
/// handles null for reference and nullable types), so a contract decides what null means.
/// </summary>
public static class StrictScalarConverters
{
    /// <summary>A JSON string, read strictly.</summary>
    public sealed class String : JsonConverter<string>
    {
        public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonFieldException("expected a string", reader.TokenType);
            }

            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                // "\ud800" alone: valid JSON, but no text; stored, it would come back as U+FFFD.
                throw new JsonFieldException("expected text of valid Unicode (got an unpaired surrogate escape)");
            }
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>A JSON number that is a whole number in the range of <see cref="long"/>.</summary>
    public sealed class Int64 : JsonConverter<long>
    {
        public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw new JsonFieldException("expected a whole number", reader.TokenType);
            }

            return reader.TryGetInt64(out var value)
                ? value
                : throw new JsonFieldException($"expected a whole number from {long.MinValue} to {long.MaxValue} (got {Raw(ref reader)})");
        }

        public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary>A finite JSON number.</summary>
    public sealed class Double : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.Number)
            {
                throw new JsonFieldException("expected a number", reader.TokenType);
            }

            return reader.TryGetDouble(out var value) && double.IsFinite(value)
                ? value
                : throw new JsonFieldException($"expected a finite number (got {Raw(ref reader)})");
        }

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary><c>true</c> or <c>false</c>.</summary>
    public sealed class Boolean : JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => throw new JsonFieldException("expected true or false", reader.TokenType),
            };

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
    }

    /// <summary>An ISO 8601 date-time string with or without an offset (UTC when it has none).</summary>
    public sealed class DateTimeOffsetValue : JsonConverter<DateTimeOffset>
    {
        private const string Expected = "expected an ISO 8601 date-time such as 2025-01-31T12:00:00Z";

        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value))
            {
                return value;
            }

            throw new JsonFieldException(Expected, reader.TokenType == JsonTokenType.String ? JsonTokenType.None : reader.TokenType);
        }

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.ToString("O", CultureInfo.InvariantCulture));
    }

    private static string Raw(ref Utf8JsonReader reader)
    {
        var raw = System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);
        return raw.Length <= 40 ? raw : raw[..40] + "...";
    }
}
