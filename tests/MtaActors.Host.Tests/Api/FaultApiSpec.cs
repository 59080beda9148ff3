using MtaActors.Engine.Faults;

namespace MtaActors.Host.Tests.Api;

public sealed class FaultApiSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Putting_a_fault_sets_it_on_the_switchboard_and_answers_the_links_faults()
    {
        var (status, body) = await server.SendAsync(HttpMethod.Put, "/api/links/x400-paris/faults", """{"kind": "latency", "latencyMs": 200, "jitterMs": 50}""");

        Assert.Equal(200, status);
        var fault = Assert.IsType<LatencyFault>(Assert.Single(gateway.Faults.Get("x400-paris")));
        Assert.Equal(TimeSpan.FromMilliseconds(200), fault.Latency);
        var listed = Assert.Single(body.EnumerateArray());
        Assert.Equal("latency", listed.GetProperty("kind").GetString());
        Assert.Equal(200, listed.GetProperty("latencyMs").GetInt32());
    }

    [Fact]
    public async Task Getting_faults_lists_the_links_faults_in_their_json_shape()
    {
        gateway.Faults.Set("x400-paris", DownFault.Instance);
        gateway.Faults.Set("x400-paris", new ErrorRateFault(0.25));

        var (status, body) = await server.GetAsync("/api/links/x400-paris/faults");

        Assert.Equal(200, status);
        var kinds = body.EnumerateArray().Select(f => f.GetProperty("kind").GetString()!).Order().ToArray();
        Assert.Equal(["down", "error-rate"], kinds);
    }

    [Fact]
    public async Task Deleting_with_a_kind_clears_only_that_kind()
    {
        gateway.Faults.Set("x400-paris", DownFault.Instance);
        gateway.Faults.Set("x400-paris", new ErrorRateFault(0.25));

        var (status, body) = await server.SendAsync(HttpMethod.Delete, "/api/links/x400-paris/faults?kind=down");

        Assert.Equal(200, status);
        Assert.Equal("error-rate", Assert.Single(body.EnumerateArray()).GetProperty("kind").GetString());
        Assert.IsType<ErrorRateFault>(Assert.Single(gateway.Faults.Get("x400-paris")));
    }

    [Fact]
    public async Task Deleting_without_a_kind_clears_every_fault_of_the_link()
    {
        gateway.Faults.Set("x400-paris", DownFault.Instance);
        gateway.Faults.Set("x400-paris", new ErrorRateFault(0.25));

        var (status, body) = await server.SendAsync(HttpMethod.Delete, "/api/links/x400-paris/faults");

        Assert.Equal(200, status);
        Assert.Empty(body.EnumerateArray());
        Assert.Empty(gateway.Faults.Get("x400-paris"));
    }

    [Fact]
    public async Task All_faults_lists_only_links_that_have_faults()
    {
        gateway.Faults.Set("local-store", HangFault.Instance);

        var (status, body) = await server.GetAsync("/api/faults");

        Assert.Equal(200, status);
        var link = Assert.Single(body.EnumerateArray());
        Assert.Equal("local-store", link.GetProperty("link").GetString());
        Assert.Equal("hang", Assert.Single(link.GetProperty("faults").EnumerateArray()).GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public async Task Unknown_link_answers_404_naming_it(string method)
    {
        var (status, body) = await server.SendAsync(new HttpMethod(method), "/api/links/nowhere/faults", method == "PUT" ? """{"kind": "down"}""" : null);

        Assert.Equal(404, status);
        Assert.Equal("no link named 'nowhere'", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("""{"kind": "meteor"}""", "kind: unknown fault kind 'meteor'")]
    [InlineData("""{"kind": "error-rate"}""", "rate: required")]
    [InlineData("""{"kind": "error-rate", "rate": 2}""", "rate: must be between 0 and 1")]
    [InlineData("""{"kind": "down", "rate": 0.5}""", "rate: unknown property for down")]
    [InlineData("""{"kind": "down", "toxicity": 2}""", "toxicity: must be between 0 and 1 (got 2)")]
    [InlineData("""{"kind": "down", "toxicity": true}""", "toxicity: must be a number")]
    [InlineData("""{"kind": """, "body: malformed JSON")]
    public async Task Bad_fault_is_refused_with_400_naming_the_field(string json, string reason)
    {
        var (status, body) = await server.SendAsync(HttpMethod.Put, "/api/links/x400-paris/faults", json);

        Assert.Equal(400, status);
        Assert.StartsWith(reason, body.GetProperty("error").GetString());
        Assert.Empty(gateway.Faults.Get("x400-paris"));
    }

    [Fact]
    public async Task Getting_the_seed_answers_the_one_the_switchboard_draws_from()
    {
        var (status, body) = await server.GetAsync("/api/faults/seed");

        Assert.Equal(200, status);
        Assert.Equal(gateway.Faults.Seed, body.GetProperty("seed").GetInt32());
    }

    [Fact]
    public async Task Putting_a_seed_restarts_the_draws_from_it()
    {
        gateway.Faults.Set("x400-paris", DownFault.Instance with { Toxicity = 0.5 });
        var before = Enumerable.Range(0, 64).Select(_ => gateway.Faults.Draw("x400-paris").IsEmpty).ToArray();
        gateway.Faults.Reseed(12345);
        var expected = Enumerable.Range(0, 64).Select(_ => gateway.Faults.Draw("x400-paris").IsEmpty).ToArray();
        gateway.Faults.Reseed(1);

        var (status, body) = await server.SendAsync(HttpMethod.Put, "/api/faults/seed", """{"seed": 12345}""");

        Assert.Equal(200, status);
        Assert.Equal(12345, body.GetProperty("seed").GetInt32());
        Assert.Equal(12345, gateway.Faults.Seed);
        Assert.Equal(expected, Enumerable.Range(0, 64).Select(_ => gateway.Faults.Draw("x400-paris").IsEmpty).ToArray());
        Assert.NotEqual(before, expected);
    }

    [Theory]
    [InlineData("""{"seed": -1}""", "seed: must be a whole number from 0 to 2147483647 (got -1)")]
    [InlineData("""{"seed": 4294967296}""", "seed: must be a whole number from 0 to 2147483647 (got 4294967296)")]
    [InlineData("""{"seed": "7"}""", "seed: expected a whole number")]
    [InlineData("""{"seed": 1.5}""", "seed: expected a whole number")]
    [InlineData("""{}""", "seed: required")]
    [InlineData("""{"seed": 1, "salt": 2}""", "salt: unknown")]
    public async Task A_bad_seed_is_refused_with_400_naming_the_field(string json, string reason)
    {
        var seed = gateway.Faults.Seed;

        var (status, body) = await server.SendAsync(HttpMethod.Put, "/api/faults/seed", json);

        Assert.Equal(400, status);
        Assert.StartsWith(reason, body.GetProperty("error").GetString());
        Assert.Equal(seed, gateway.Faults.Seed);
    }

    [Fact]
    public async Task Clearing_an_unknown_kind_is_refused_with_400()
    {
        var (status, body) = await server.SendAsync(HttpMethod.Delete, "/api/links/x400-paris/faults?kind=meteor");

        Assert.Equal(400, status);
        Assert.StartsWith("kind: unknown fault kind 'meteor'", body.GetProperty("error").GetString());
    }
}
