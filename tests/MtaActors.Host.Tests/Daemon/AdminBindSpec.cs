using System.Globalization;
using System.Net.Http.Headers;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Daemon;

/// <summary>
/// Issue 10, class 7, through the real executable: beyond loopback the daemon starts only with an admin token, and then
/// serves only bearers of it; an admin URL with a path or a query is one line and exit 2, never a stack trace.
/// </summary>
public sealed class AdminBindSpec : IDisposable
{
    private const string Token = "s3cret-token-0123456789";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory data = new();

    [Theory]
    [InlineData("http://0.0.0.0:{port}", "mta: adminToken: required when the admin API listens beyond loopback (http://0.0.0.0:")]
    [InlineData("http://[::]:{port}", "mta: adminToken: required when the admin API listens beyond loopback (http://[::]:")]
    [InlineData("http://127.0.0.1:{port}/admin?x=1", "mta: --http: expected http://HOST:PORT with no path, query or user")]
    [InlineData("http://127.0.0.1:{port}/admin", "mta: --http: expected http://HOST:PORT with no path, query or user")]
    public async Task An_admin_address_that_cannot_be_served_safely_is_exit_2_with_one_line(string url, string line)
    {
        await using var run = await MtaExecutable.RunAsync(["run", "--journal", "memory", "--data", data.Path, "--http", Url(url)], Bound);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(line, Assert.Single(run.ErrorLines));
        Assert.DoesNotContain("   at ", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_admin_token_is_exit_2_naming_where_it_came_from()
    {
        await using var run = await MtaExecutable.RunAsync(
            ["run", "--journal", "memory", "--data", data.Path, "--http", Url("http://0.0.0.0:{port}")],
            Bound,
            new Dictionary<string, string> { ["MTA_ADMIN_TOKEN"] = "short" });

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("mta: MTA_ADMIN_TOKEN: must be at least 16 characters", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task The_admin_token_option_of_mta_run_is_checked_like_the_others()
    {
        var run = await CliRun.InvokeAsync("run", "--journal", "memory", "--data", data.Path, "--http", Url("http://0.0.0.0:{port}"), "--admin-token", "short");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("mta: --admin-token: must be at least 16 characters (got 5)", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Beyond_loopback_with_a_token_from_the_environment_only_bearers_are_served()
    {
        var port = FreePort.Next();
        await using var daemon = MtaExecutable.Start(
            ["run", "--journal", "memory", "--data", data.Path, "--http", $"http://0.0.0.0:{port}"],
            new Dictionary<string, string> { ["MTA_ADMIN_TOKEN"] = Token });
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };

        // /health needs no token: it is how this test (and a probe) knows the daemon is up.
        var deadline = DateTime.UtcNow + Bound;
        while (!await IsHealthyAsync(http))
        {
            Assert.False(daemon.HasExited, $"the daemon exited with {(daemon.HasExited ? daemon.ExitCode : 0)}: {string.Join(" | ", daemon.ErrorLines)}");
            Assert.True(DateTime.UtcNow < deadline, "the daemon did not become healthy in time");
            await Task.Delay(200);
        }

        using var anonymous = await http.GetAsync(new Uri("/api/stats", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var bearer = await http.SendAsync(request);

        Assert.Equal(401, (int)anonymous.StatusCode);
        Assert.Equal(200, (int)bearer.StatusCode);
    }

    public void Dispose() => data.Dispose();

    private static string Url(string template) => template.Replace("{port}", FreePort.Next().ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static async Task<bool> IsHealthyAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
