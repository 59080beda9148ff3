using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CsCheck;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Api;

/// <summary>
/// Issue 10's corpus, so the next class of bad input is found by the suite and not by a user: random and mutated
/// requests (random bytes, valid submissions, batches, faults, purge, flush and disable bodies with bytes flipped, cut
/// or inserted and fields renamed or retyped, random query strings, methods and paths, foreign content types) go to one
/// real daemon. Every answer must be 2xx, or 4xx with a one-line <c>{"error": "..."}</c> body; never 5xx, never an empty
/// error; and <c>/health</c> is still 200 at the end. A failure prints CsCheck's seed: replay it with
/// <c>CsCheck_Seed=SEED dotnet test --filter AdminApiPropertySpec</c>.
/// </summary>
public sealed class AdminApiPropertySpec : IAsyncLifetime
{
    private static readonly string[] Links = ["x400-paris", "site-paris", "imc-internet", "nowhere"];

    private static readonly string[] Queues = ["work-queue", "poison", "local-store", "x400-paris", "nowhere"];

    /// <summary>Valid bodies per endpoint: the seeds the mutations start from.</summary>
    private static readonly (string Method, string Path, string Body)[] ValidRequests =
    [
        ("POST", "/api/messages", """{"from": "jsmith@london.contoso.com", "to": ["mjones@london.contoso.com"], "subject": "hi", "body": "text", "priority": "urgent", "sizeBytes": 100}"""),
        ("POST", "/api/messages", """{"id": "p-1", "from": "jsmith@london.contoso.com", "to": ["pdupont@paris.contoso.com", "c=US;a= ;p=Contoso;o=NewYork;s=Smith"], "class": "ipm", "deferredUntil": "2025-01-31T12:00:00Z"}"""),
        ("POST", "/api/messages/batch", """[{"from": "jsmith@london.contoso.com", "to": ["mjones@london.contoso.com"]}, {"from": "jsmith@london.contoso.com", "to": ["someone@internet.test"], "expiresAt": "2030-01-01T00:00:00Z"}]"""),
        ("PUT", "/api/links/x400-paris/faults", """{"kind": "latency", "latencyMs": 5, "jitterMs": 1}"""),
        ("PUT", "/api/links/site-paris/faults", """{"kind": "error-rate", "rate": 0.5}"""),
        ("PUT", "/api/links/imc-internet/faults", """{"kind": "bandwidth", "bytesPerSecond": 100000}"""),
        ("PUT", "/api/links/x400-paris/faults", """{"kind": "flap", "upMs": 10, "downMs": 10}"""),
        ("POST", "/api/purge", """{"classes": ["link-monitor", "directory-replication"], "dryRun": true}"""),
        ("POST", "/api/links/x400-paris/flush?timeout=0.2", """{"recipient": "pdupont@paris.contoso.com"}"""),
        ("POST", "/api/mta/disable", """{"reason": "maintenance"}"""),
    ];

    private static readonly string[] PathTemplates =
    [
        "/health", "/api/messages", "/api/messages/batch", "/api/queues", "/api/stats", "/api/sites", "/api/faults", "/api/mta",
        "/api/mta/disable", "/api/mta/enable", "/api/purge", "/api/queues/{queue}/messages", "/api/queues/{queue}/retry",
        "/api/messages/{id}/hold", "/api/messages/{id}/release", "/api/messages/{id}/requeue", "/api/messages/{id}",
        "/api/links/{link}/faults", "/api/links/{link}/flush", "/api/links/{link}/suspend", "/api/links/{link}/resume",
        "/api/nope", "/", "/api/links/{link}", "/api/messages/{id}/hold/extra",
    ];

    private static readonly string[] QueryNames =
        ["kind", "knd", "timeout", "timout", "ndr", "sender", "recipient", "minAgeSeconds", "class", "offset", "limit", "x", ""];

    private static readonly string[] QueryValues =
        ["", "0", "-1", "0.1", "1e400", "NaN", "true", "maybe", "latency", "down", "link-monitor", "%FF", "%00", "a%20b", "99999999999999999999"];

    private static readonly string[] ContentTypes =
        ["application/json", "application/json", "application/json", "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded", ""];

    private static readonly string[] Methods = ["GET", "POST", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] Ids = ["m-1", "p-1", "%FF", "..", "a%2Fb", "x y"];

    private static readonly string[] JsonValues = ["null", "true", "0", "-1", "1e308", "1e400", "\"\"", "\"x\"", "[]", "{}", "[null]", "\"\\ud800\"", "9223372036854775808"];

    private readonly TempDirectory data = new();
    private DaemonProcess daemon = null!;

    public async Task InitializeAsync() => daemon = await DaemonProcess.StartAsync(data.Path, ["--journal", "memory"]);

    public async Task DisposeAsync()
    {
        await daemon.DisposeAsync();
        data.Dispose();
    }

    [Fact]
    public async Task Every_random_or_mutated_request_is_answered_2xx_or_4xx_with_an_error_body_and_the_daemon_stays_healthy()
    {
        var answered = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        await AnyRequest.SampleAsync(
            async request =>
            {
                var (status, body) = await SendAsync(request);
                answered.AddOrUpdate(status, 1, (_, count) => count + 1);
                Assert.True(status is >= 200 and < 300 or >= 400 and < 500, $"{request} was answered {status}: {body}");
                if (status >= 400 && request.Method != "HEAD")
                {
                    using var document = JsonDocument.Parse(body);
                    var error = document.RootElement.GetProperty("error").GetString();
                    Assert.False(string.IsNullOrWhiteSpace(error), $"{request} was answered {status} with an empty error");
                    Assert.DoesNotContain('\n', error);
                }
            },
            iter: 400,
            threads: 4,
            print: request => request.ToString());

        using var health = await daemon.Http.GetAsync(new Uri("/health", UriKind.Relative));
        Assert.Equal(200, (int)health.StatusCode);

        // A corpus that only ever hit one answer would test nothing: it must have been both served and refused.
        Assert.Contains(answered.Keys, status => status is >= 200 and < 300);
        Assert.Contains(answered.Keys, status => status == 400);
    }

    /// <summary>One request as it goes on the wire.</summary>
    public sealed record Request(string Method, string Path, byte[]? Body, string ContentType)
    {
        public override string ToString()
            => $"{Method} {Path} [{ContentType}] {(Body is null ? "(no body)" : Convert.ToHexString(Body))} {(Body is null ? "" : Encoding.UTF8.GetString(Body))}";
    }

    private static Gen<Request> AnyRequest => Gen.Frequency(
        (3, MutatedValidRequest),
        (2, RandomRouteRequest),
        (1, RandomBytesRequest));

    private static Gen<string> Query => Gen.Frequency(
        (2, Gen.Const<string>("")),
        (3, Gen.Select(Gen.OneOf(QueryNames), Gen.OneOf(QueryValues), (name, value) => $"?{name}={value}")),
        (1, Gen.Select(Gen.OneOf(QueryNames), Gen.OneOf(QueryValues), Gen.OneOf(QueryNames), Gen.OneOf(QueryValues), (a, b, c, d) => $"?{a}={b}&{c}={d}")),
        (1, Gen.String[0, 12].Select(text => "?" + Uri.EscapeDataString(text))));

    private static Gen<string> RandomPath => Gen.Select(Gen.OneOf(PathTemplates), Gen.OneOf(Links), Gen.OneOf(Queues), Gen.OneOf(Ids), Query, (template, link, queue, id, query)
        => template.Replace("{link}", link, StringComparison.Ordinal).Replace("{queue}", queue, StringComparison.Ordinal).Replace("{id}", id, StringComparison.Ordinal) + query);

    private static Gen<Request> RandomRouteRequest => Gen.Select(
        Gen.OneOf(Methods),
        RandomPath,
        Gen.Frequency((2, Gen.Const<byte[]?>((byte[]?)null)), (1, Gen.OneOf(ValidRequests).Select(valid => (byte[]?)Encoding.UTF8.GetBytes(valid.Body)))),
        Gen.OneOf(ContentTypes),
        (method, path, body, type) => new Request(method, Bounded(path), body, type));

    private static Gen<Request> RandomBytesRequest => Gen.Select(
        Gen.OneOf(ValidRequests),
        Gen.Byte.Array[0, 64],
        (valid, bytes) => new Request(valid.Method, Bounded(valid.Path), bytes, "application/json"));

    private static Gen<Request> MutatedValidRequest => Gen.Select(
        Gen.OneOf(ValidRequests),
        Gen.Int[0, 6],
        Gen.Int[0, 10_000],
        Gen.Byte,
        Gen.OneOf(JsonValues),
        Query,
        (valid, mutation, at, value, json, query) =>
        {
            var bytes = Encoding.UTF8.GetBytes(valid.Body);
            var index = at % bytes.Length;
            var body = mutation switch
            {
                0 => [.. bytes[..index], value, .. bytes[index..]],
                1 => [.. bytes[..index], .. bytes[Math.Min(bytes.Length, index + 1 + (at % 7))..]],
                2 => Flip(bytes, index, value),
                3 => bytes[..index],
                4 => Encoding.UTF8.GetBytes(ReplaceValue(valid.Body, at, json)),
                5 => Encoding.UTF8.GetBytes(RenameField(valid.Body, at)),
                _ => bytes,
            };
            var path = mutation == 6 ? valid.Path.Split('?')[0] + query : valid.Path;
            return new Request(valid.Method, Bounded(path), body, "application/json");
        });

    /// <summary>
    /// A flush waits up to its bound, and the default is 5 s: every generated flush gets a short one, so a faulty link
    /// costs this spec little time. Other parameters stay as generated.
    /// </summary>
    private static string Bounded(string path)
        => path.Contains("/flush", StringComparison.Ordinal) && !path.Contains("timeout=", StringComparison.Ordinal)
            ? path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "timeout=0.2"
            : path;

    private static byte[] Flip(byte[] bytes, int index, byte value)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= (byte)(value | 0x80);
        return copy;
    }

    /// <summary>The value after the n-th colon becomes another JSON value (a number where a string was, null, ...).</summary>
    private static string ReplaceValue(string json, int n, string replacement)
    {
        var colons = Enumerable.Range(0, json.Length).Where(i => json[i] == ':').ToArray();
        if (colons.Length == 0)
        {
            return json;
        }

        var start = colons[n % colons.Length] + 1;
        var end = start;
        var depth = 0;
        var inString = false;
        for (; end < json.Length; end++)
        {
            var c = json[end];
            if (inString)
            {
                inString = !(c == '"' && json[end - 1] != '\\');
                continue;
            }

            if (c == '"')
            {
                inString = true;
            }
            else if (c is '[' or '{')
            {
                depth++;
            }
            else if (c is ']' or '}' && depth-- == 0)
            {
                break;
            }
            else if (c == ',' && depth == 0)
            {
                break;
            }
        }

        return json[..start] + " " + replacement + json[end..];
    }

    /// <summary>The n-th property name loses or gains a letter (<c>recipent</c>, <c>fromx</c>).</summary>
    private static string RenameField(string json, int n)
    {
        var names = System.Text.RegularExpressions.Regex.Matches(json, "\"(\\w+)\"\\s*:");
        if (names.Count == 0)
        {
            return json;
        }

        var name = names[n % names.Count].Groups[1];
        var renamed = n % 2 == 0 && name.Length > 1 ? name.Value.Remove(name.Length / 2, 1) : name.Value + "x";
        return json[..name.Index] + renamed + json[(name.Index + name.Length)..];
    }

    private async Task<(int Status, string Body)> SendAsync(Request request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(request.Path, UriKind.Relative));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType.Length > 0)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }
        }

        using var response = await daemon.Http.SendAsync(message);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
