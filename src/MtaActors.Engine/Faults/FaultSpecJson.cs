using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MtaActors.Core.Json;

namespace MtaActors.Engine.Faults;

/// <summary>
/// Reads and writes faults in their JSON shape, e.g. <c>{ "kind": "latency", "latencyMs": 200, "jitterMs": 50 }</c>
/// (see docs/faults.md), through the typed <see cref="FaultContract"/>s and <see cref="JsonInput"/>. Errors are one line that names the offending field, fit to show an operator as they are.
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
    private const string ToxicityField = "toxicity";
    private const string PersistField = "persist";

    /// <summary>How a wrong type is worded for each field (the reader's generic words are for any contract).</summary>
    private static readonly FrozenDictionary<string, string> Expectations = new Dictionary<string, string>
    {
        [LatencyMsField] = "must be a number",
        [JitterMsField] = "must be a number",
        [BytesPerSecondField] = "must be a number",
        [RateField] = "must be a number",
        [UpMsField] = "must be a number",
        [DownMsField] = "must be a number",
        [SubjectField] = "must be a string",
        [ToxicityField] = "must be a number",
        [PersistField] = "must be true or false",
    }.ToFrozenDictionary();

    /// <summary>Parses JSON text; see <see cref="TryParse(ReadOnlySpan{byte}, out FaultSpec?, out string?, string)"/>.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out FaultSpec? fault, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        return TryParse(Encoding.UTF8.GetBytes(json), out fault, out error);
    }

    /// <summary>Parses one fault object that is already parsed, e.g. from a larger document.</summary>
    public static bool TryParse(JsonElement json, [NotNullWhen(true)] out FaultSpec? fault, [NotNullWhen(false)] out string? error)
        => TryParse(Encoding.UTF8.GetBytes(json.GetRawText()), out fault, out error);

    /// <summary>
    /// Parses one fault object from UTF-8 bytes (an HTTP body as it came); unknown properties, missing fields, wrong
    /// types, invalid UTF-8 and out-of-range values are errors of one line that names the field, the document itself
    /// being <paramref name="root"/>.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, [NotNullWhen(true)] out FaultSpec? fault, [NotNullWhen(false)] out string? error, string root = "fault")
    {
        fault = null;
        return JsonInput.TryRead(utf8, FaultJsonContext.Default.FaultContract, out var contract, out error, root, Expectations)
            && contract.TryToFault(out fault, out error);
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

        // The defaults are left out, so a fault without toxicity reads back as it was written.
        if (fault.Toxicity < 1)
        {
            json[ToxicityField] = fault.Toxicity;
        }

        if (fault.Persist)
        {
            json[PersistField] = true;
        }

        return json;
    }

    // Whole milliseconds stay integers in JSON, so what an operator wrote is what they read back.
    private static JsonNode Milliseconds(TimeSpan value)
        => value.Ticks % TimeSpan.TicksPerMillisecond == 0
            ? JsonValue.Create(value.Ticks / TimeSpan.TicksPerMillisecond)
            : JsonValue.Create(value.TotalMilliseconds);
}
