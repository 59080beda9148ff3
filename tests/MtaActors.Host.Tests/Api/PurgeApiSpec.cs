using MtaActors.Core.Messages;

namespace MtaActors.Host.Tests.Api;

/// <summary><c>POST /api/purge</c> over a real socket, and <c>mta purge --http</c> on top: shapes, and bad requests refused.</summary>
public sealed class PurgeApiSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Purge_answers_the_report_per_queue_with_ids()
    {
        var (status, body) = await server.PostAsync("/api/purge", """{"classes": ["link-monitor", "directory-replication"], "dryRun": true}""");

        Assert.Equal(200, status);
        Assert.True(body.GetProperty("dryRun").GetBoolean());
        Assert.Equal(1, body.GetProperty("total").GetInt32());
        var queue = body.GetProperty("queues")[0];
        Assert.Equal("x400-paris", queue.GetProperty("queue").GetString());
        Assert.Equal("dirsync-1", queue.GetProperty("messages")[0].GetProperty("id").GetString());
        Assert.Equal("directory-replication", queue.GetProperty("messages")[0].GetProperty("class").GetString());
        var (classes, dryRun) = Assert.Single(gateway.Purges);
        Assert.True(dryRun);
        Assert.Equal([MessageClass.DirectoryReplication, MessageClass.LinkMonitor], classes.Order().ToArray());
    }

    [Theory]
    [InlineData("""{"classes": []}""", "classes: required")]
    [InlineData("""{}""", "classes: required")]
    [InlineData("""{"classes": ["ipm"]}""", "classes[0]: expected one of directory-replication, public-folder-replication, link-monitor")]
    [InlineData("""{"classes": "link-monitor"}""", "classes: expected an array")]
    [InlineData("""{"classes": ["link-monitor"], "dryRun": "yes"}""", "dryRun: expected true or false")]
    [InlineData("""{"classes": ["link-monitor"], "force": true}""", "force: unknown field")]
    [InlineData("{", "body: malformed JSON")]
    public async Task Bad_purge_requests_get_400_naming_the_field(string json, string reason)
    {
        var (status, answer) = await server.PostAsync("/api/purge", json);

        Assert.Equal(400, status);
        Assert.StartsWith(reason, answer.GetProperty("error").GetString());
        Assert.Empty(gateway.Purges);
    }

    [Fact]
    public async Task Cli_purge_prints_per_queue_lines_and_a_total()
    {
        var run = await CliRun.InvokeAsync("purge", "--directory-replication", "--http", server.Address.ToString());

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["x400-paris: removed 1 (dirsync-1)", "Purged 1 messages of directory-replication"], run.OutLines);
        var (classes, dryRun) = Assert.Single(gateway.Purges);
        Assert.False(dryRun);
        Assert.Equal([MessageClass.DirectoryReplication], classes.ToArray());
    }
}
