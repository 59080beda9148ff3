using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MtaActors.Engine.Faults;

/// <summary>
/// Reads and writes faults in their JSON shape, e.g. <c>{ "kind": "latency", "latencyMs": 200, "jitterMs": 50 }</c>
/// (see docs/faults.md). Errors are one line that names the offending field, fit to show an operator as they are.
/// </summary>
public static class FaultSpecJson
{
    private const string KindField = "kind";
    private const string LatencyMsField = "latencyMs";
    private const string JitterMsField = "jitterMs";
    private const string BytesPerSecondField = "bytesPerSecond";
    private const string RateField = "rate";
    private const string UpMsField = "upMs";
    private const string DownMsField = "downMs";
    private const string SubjectField = "subject";

    private static readonly ImmutableDictionary<string, ImmutableArray<string>> FieldsByKind =
        new Dictionary<string, ImmutableArray<string>>
        {
            [FaultKinds.Down] = [],
            [FaultKinds.Hang] = [],
            [FaultKinds.Latency] = [LatencyMsField, JitterMsField],
            [FaultKinds.Bandwidth] = [BytesPerSecondField],
            [FaultKinds.ErrorRate] = [RateField],
            [FaultKinds.Flap] = [UpMsField, DownMsField],
            [FaultKinds.Corrupt] = [RateField],
            [FaultKinds.Reset] = [RateField],
            [FaultKinds.Crash] = [SubjectField],
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses JSON text; see <see cref="TryParse(JsonElement, out FaultSpec?, out string?)"/>.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out FaultSpec? fault, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json);
            return TryParse(document.RootElement, out fault, out error);
        }
        catch (JsonException exception)
        {
            fault = null;
            error = $"fault: invalid JSON ({exception.Message})";
            return false;
        }
    }

    /// <summary>Parses one fault object; unknown properties, missing fields and out-of-range values are errors.</summary>
    public static bool TryParse(JsonElement json, [NotNullWhen(true)] out FaultSpec? fault, [NotNullWhen(false)] out string? error)
    {
        fault = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = $"fault: must be a JSON object (got {Describe(json.ValueKind)})";
            return false;
        }

        var fields = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in json.EnumerateObject())
        {
            if (!fields.TryAdd(property.Name, property.Value))
            {
                error = $"{property.Name}: given more than once";
                return false;
            }
        }

        if (!fields.TryGetValue(KindField, out var kindElement))
        {
            error = $"kind: required (expected {ExpectedKinds})";
            return false;
        }

        if (kindElement.ValueKind != JsonValueKind.String)
        {
            error = $"kind: must be a string (got {Describe(kindElement.ValueKind)})";
            return false;
        }

        var kind = kindElement.GetString()!;
        if (!FieldsByKind.TryGetValue(kind, out var allowed))
        {
            error = $"kind: unknown fault kind '{kind}' (expected {ExpectedKinds})";
            return false;
        }

        kind = kind.ToLowerInvariant();
        foreach (var name in fields.Keys)
        {
            if (!string.Equals(name, KindField, StringComparison.OrdinalIgnoreCase)
                && !allowed.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                var expected = allowed.IsEmpty ? "no other properties" : $"expected {string.Join(", ", allowed)}";
                error = $"{name}: unknown property for {kind} ({expected})";
                return false;
            }
        }

        var reader = new FieldReader(fields);
        fault = kind switch
        {
            FaultKinds.Down => DownFault.Instance,
            FaultKinds.Hang => HangFault.Instance,
            FaultKinds.Latency => reader.Milliseconds(LatencyMsField, required: true, allowZero: true) is { } latency
                && reader.Milliseconds(JitterMsField, required: false, allowZero: true) is { } jitter
                    ? new LatencyFault(latency, jitter)
                    : null,
            FaultKinds.Bandwidth => reader.PositiveInteger(BytesPerSecondField) is { } rate ? new BandwidthFault(rate) : null,
            FaultKinds.ErrorRate => reader.Rate(RateField) is { } rate ? new ErrorRateFault(rate) : null,
            FaultKinds.Flap => reader.Milliseconds(UpMsField, required: true, allowZero: false) is { } up
                && reader.Milliseconds(DownMsField, required: true, allowZero: false) is { } down
                    ? new FlapFault(up, down)
                    : null,
            FaultKinds.Corrupt => reader.Rate(RateField) is { } rate ? new CorruptFault(rate) : null,
            FaultKinds.Reset => reader.Rate(RateField) is { } rate ? new ResetFault(rate) : null,
            FaultKinds.Crash => reader.Text(SubjectField) is { } subject ? new CrashFault(subject) : null,
            _ => throw new InvalidOperationException($"Fault kind '{kind}' has fields but no parser."),
        };

        error = reader.Error;
        return fault is not null;
    }

    /// <summary>Writes a fault in the shape <see cref="TryParse(JsonElement, out FaultSpec?, out string?)"/> reads.</summary>
    public static JsonObject ToJson(FaultSpec fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        var json = new JsonObject { [KindField] = fault.Kind };
        switch (fault)
        {
            case LatencyFault latency:
                json[LatencyMsField] = Milliseconds(latency.Latency);
                json[JitterMsField] = Milliseconds(latency.Jitter);
                break;
            case BandwidthFault bandwidth:
                json[BytesPerSecondField] = bandwidth.BytesPerSecond;
                break;
            case ErrorRateFault errorRate:
                json[RateField] = errorRate.Rate;
                break;
            case FlapFault flap:
                json[UpMsField] = Milliseconds(flap.UpFor);
                json[DownMsField] = Milliseconds(flap.DownFor);
                break;
            case CorruptFault corrupt:
                json[RateField] = corrupt.Rate;
                break;
            case ResetFault reset:
                json[RateField] = reset.Rate;
                break;
            case CrashFault crash:
                json[SubjectField] = crash.Subject;
                break;
            case DownFault or HangFault:
                break;
            default:
                throw new ArgumentException($"Unknown fault type {fault.GetType().Name}.", nameof(fault));
        }

        return json;
    }

    private static string ExpectedKinds => string.Join(", ", FaultKinds.All);

    // Whole milliseconds stay integers in JSON, so what an operator wrote is what they read back.
    private static JsonNode Milliseconds(TimeSpan value)
        => value.Ticks % TimeSpan.TicksPerMillisecond == 0
            ? JsonValue.Create(value.Ticks / TimeSpan.TicksPerMillisecond)
            : JsonValue.Create(value.TotalMilliseconds);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>Reads typed fields and keeps the first error, so the parser above reads as one expression per kind.</summary>
    private sealed class FieldReader(Dictionary<string, JsonElement> fields)
    {
        public string? Error { get; private set; }

        public TimeSpan? Milliseconds(string name, bool required, bool allowZero)
        {
            if (Number(name, required) is not { } value)
            {
                return Error is null ? TimeSpan.Zero : null;
            }

            if (value < 0 || (!allowZero && value == 0))
            {
                return Fail<TimeSpan>(name, $"must be {(allowZero ? "zero or more" : "more than zero")} milliseconds (got {Format(value)})");
            }

            if (value > TimeSpan.MaxValue.TotalMilliseconds / 2)
            {
                return Fail<TimeSpan>(name, $"is too large (got {Format(value)})");
            }

            return TimeSpan.FromTicks((long)Math.Round(value * TimeSpan.TicksPerMillisecond));
        }

        public long? PositiveInteger(string name)
        {
            if (Number(name, required: true) is not { } value)
            {
                return null;
            }

            if (value <= 0 || value != Math.Floor(value) || value > long.MaxValue / 2)
            {
                return Fail<long>(name, $"must be a whole number more than zero (got {Format(value)})");
            }

            return (long)value;
        }

        /// <summary>An optional string field; empty when absent.</summary>
        public string? Text(string name)
        {
            if (!fields.TryGetValue(name, out var element))
            {
                return "";
            }

            if (element.ValueKind != JsonValueKind.String)
            {
                Error ??= $"{name}: must be a string (got {Describe(element.ValueKind)})";
                return null;
            }

            return element.GetString();
        }

        public double? Rate(string name)
        {
            if (Number(name, required: true) is not { } value)
            {
                return null;
            }

            return value is >= 0 and <= 1 ? value : Fail<double>(name, $"must be between 0 and 1 (got {Format(value)})");
        }

        private double? Number(string name, bool required)
        {
            if (Error is not null)
            {
                return null;
            }

            if (!fields.TryGetValue(name, out var element))
            {
                return required ? Fail<double>(name, "required") : null;
            }

            if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || !double.IsFinite(value))
            {
                return Fail<double>(name, $"must be a number (got {Describe(element.ValueKind)})");
            }

            return value;
        }

        private T? Fail<T>(string name, string problem)
            where T : struct
        {
            Error ??= $"{name}: {problem}";
            return null;
        }

        private static string Format(double value) => value.ToString("G", CultureInfo.InvariantCulture);
    }
}
