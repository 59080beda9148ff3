using System.Text.Json;
using MtaActors.Engine.Faults;

namespace MtaActors.Engine.Tests.Faults;

public sealed class FaultSpecJsonSpec
{
    public static TheoryData<string, FaultSpec> Documented => new()
    {
        { """{ "kind": "down" }""", DownFault.Instance },
        { """{ "kind": "hang" }""", HangFault.Instance },
        { """{ "kind": "latency", "latencyMs": 200, "jitterMs": 50 }""", new LatencyFault(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50)) },
        { """{ "kind": "latency", "latencyMs": 200 }""", new LatencyFault(TimeSpan.FromMilliseconds(200), TimeSpan.Zero) },
        { """{ "kind": "bandwidth", "bytesPerSecond": 10000 }""", new BandwidthFault(10_000) },
        { """{ "kind": "error-rate", "rate": 0.2 }""", new ErrorRateFault(0.2) },
        { """{ "kind": "flap", "upMs": 2000, "downMs": 1000 }""", new FlapFault(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)) },
        { """{ "kind": "corrupt", "rate": 0.5 }""", new CorruptFault(0.5) },
        { """{ "kind": "reset", "rate": 1 }""", new ResetFault(1) },
        { """{ "kind": "crash", "subject": "POISON" }""", new CrashFault("POISON") },
        { """{ "kind": "crash" }""", new CrashFault("") },
        { """{ "Kind": "LATENCY", "LatencyMs": 1.5 }""", new LatencyFault(TimeSpan.FromMilliseconds(1.5), TimeSpan.Zero) },
        { """{ "kind": "down", "toxicity": 0.25 }""", DownFault.Instance with { Toxicity = 0.25 } },
        { """{ "kind": "error-rate", "rate": 0.5, "toxicity": 0 }""", new ErrorRateFault(0.5) { Toxicity = 0 } },
        { """{ "kind": "down", "toxicity": 1 }""", DownFault.Instance },
        { """{ "kind": "flap", "upMs": 10, "downMs": 20, "persist": true }""", new FlapFault(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20)) { Persist = true } },
        { """{ "kind": "down", "persist": false }""", DownFault.Instance },
    };

    public static TheoryData<string, string> Invalid => new()
    {
        { """{ "kind": "error-rate", "rate": 2 }""", "rate: must be between 0 and 1 (got 2)" },
        { """{ "kind": "reset", "rate": -0.1 }""", "rate: must be between 0 and 1 (got -0.1)" },
        { """{ "kind": "x" }""", "kind: unknown fault kind 'x' (expected down, hang, latency, bandwidth, error-rate, flap, corrupt, reset, crash)" },
        { """{ "kind": "latency" }""", "latencyMs: required" },
        { """{ "kind": "latency", "latencyMs": -5 }""", "latencyMs: must be zero or more milliseconds (got -5)" },
        { """{ "kind": "latency", "latencyMs": "200" }""", "latencyMs: must be a number (got a string)" },
        { """{ "kind": "flap", "upMs": 0, "downMs": 1000 }""", "upMs: must be more than zero milliseconds (got 0)" },
        { """{ "kind": "flap", "upMs": 1000 }""", "downMs: required" },
        { """{ "kind": "bandwidth", "bytesPerSecond": 0 }""", "bytesPerSecond: must be a whole number more than zero (got 0)" },
        { """{ "kind": "bandwidth", "bytesPerSecond": 2.5 }""", "bytesPerSecond: must be a whole number more than zero (got 2.5)" },
        { """{ "kind": "corrupt", "rate": 0.5, "seed": 3 }""", "seed: unknown property for corrupt (expected rate)" },
        { """{ "kind": "down", "rate": 1 }""", "rate: unknown property for down (no other properties)" },
        { """{ "latencyMs": 5 }""", "kind: required (expected down, hang, latency, bandwidth, error-rate, flap, corrupt, reset, crash)" },
        { """{ "kind": 3 }""", "kind: must be a string (got a number)" },
        { """{ "kind": "down", "kind": "hang" }""", "kind: given more than once" },
        { """[ "down" ]""", "fault: must be a JSON object (got an array)" },
        { """{ "kind": "crash", "subject": 3 }""", "subject: must be a string (got a number)" },
        { """{ "kind": "latency", "latencyMs": 1e10 }""", "latencyMs: must be at most 3600000 milliseconds (got 10000000000)" },
        { """{ "kind": "latency", "latencyMs": 5, "jitterMs": 1e300 }""", "jitterMs: must be at most 3600000 milliseconds (got 1E+300)" },
        { """{ "kind": "latency", "latencyMs": 1e999 }""", "latencyMs: expected a finite number (got 1e999)" },
        { """{ "kind": "flap", "upMs": 1000, "downMs": 1e12 }""", "downMs: must be at most 86400000 milliseconds (got 1000000000000)" },
        { """{ "kind": "bandwidth", "bytesPerSecond": 9.3e18 }""", "bytesPerSecond: must be at most 1000000000000 (got 9.3E+18)" },
        { """{ "kind": "latency", "latencyMs": null }""", "latencyMs: must be a number (got null)" },
        { """{ "kind": "down", "toxicity": 1.5 }""", "toxicity: must be between 0 and 1 (got 1.5)" },
        { """{ "kind": "latency", "latencyMs": 5, "toxicity": -0.5 }""", "toxicity: must be between 0 and 1 (got -0.5)" },
        { """{ "kind": "hang", "toxicity": "half" }""", "toxicity: must be a number (got a string)" },
        { """{ "kind": "hang", "persist": 1 }""", "persist: must be true or false (got a number)" },
        { """{ "kind": "crash", "subject": "x\ud800" }""", "subject: expected text of valid Unicode (got an unpaired surrogate escape)" },
    };

    [Theory]
    [MemberData(nameof(Documented))]
    public void Parses_every_documented_shape(string json, FaultSpec expected)
    {
        Assert.True(FaultSpecJson.TryParse(json, out var fault, out var error), error);

        Assert.Equal(expected, fault);
    }

    [Theory]
    [MemberData(nameof(Documented))]
    public void Writing_and_reading_back_gives_the_same_fault(string json, FaultSpec expected)
    {
        _ = json;
        var written = FaultSpecJson.ToJson(expected);

        using var document = JsonDocument.Parse(written.ToJsonString());
        Assert.True(FaultSpecJson.TryParse(document.RootElement, out var fault, out var error), error);
        Assert.Equal(expected, fault);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Rejects_bad_input_with_one_line_naming_the_field(string json, string expectedError)
    {
        Assert.False(FaultSpecJson.TryParse(json, out var fault, out var error));

        Assert.Null(fault);
        Assert.Equal(expectedError, error);
    }

    [Fact]
    public void Invalid_utf8_is_an_error_naming_the_field()
    {
        byte[] json = [.. "{\"kind\": \"crash\", \"subject\": \"ab"u8, 0xFF, .. "\"}"u8];

        Assert.False(FaultSpecJson.TryParse(json, out _, out var error));

        Assert.Equal("subject: invalid UTF-8 (byte 0xFF at offset 32)", error);
    }

    [Fact]
    public void Writes_whole_milliseconds_as_integers()
    {
        var json = FaultSpecJson.ToJson(new LatencyFault(TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(50)));

        Assert.Equal("""{"kind":"latency","latencyMs":200,"jitterMs":50}""", json.ToJsonString());
    }

    [Fact]
    public void Malformed_json_text_is_an_error_not_an_exception()
    {
        Assert.False(FaultSpecJson.TryParse("{ kind: ", out _, out var error));

        Assert.StartsWith("fault: malformed JSON", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_kind_has_a_documented_shape()
    {
        var documented = Documented.Select(row => ((FaultSpec)row[1]).Kind).ToHashSet();

        Assert.Equal(FaultKinds.All.Order(), documented.Order());
    }

    [Fact]
    public void Faults_built_in_code_obey_the_same_limits()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ErrorRateFault(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BandwidthFault(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FlapFault(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LatencyFault(TimeSpan.FromMilliseconds(-1), TimeSpan.Zero));
    }
}
