using MtaActors.Core.Messages;

namespace MtaActors.Host.Tests.Api;

/// <summary><c>GET /api/queues/{name}/messages</c> over a real socket: query parameters, paging, wire names and refusals.</summary>
public sealed class QueueApiSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Lists_a_queue_with_its_filter_and_page()
    {
        var (status, body) = await server.GetAsync("/api/queues/x400-paris/messages?sender=alice&recipient=%40paris.contoso.com&minAgeSeconds=60&class=ipm&offset=0&limit=10");

        Assert.Equal(200, status);
        Assert.Equal("x400-paris", body.GetProperty("queue").GetString());
        Assert.Equal(1, body.GetProperty("total").GetInt32());
        var message = Assert.Single(body.GetProperty("messages").EnumerateArray());
        Assert.Equal("m-1", message.GetProperty("id").GetString());
        Assert.Equal("urgent", message.GetProperty("priority").GetString());
        Assert.Equal("ipm", message.GetProperty("class").GetString());
        Assert.Equal("retrying", message.GetProperty("state").GetString());
        Assert.Equal(3, message.GetProperty("attempts").GetInt32());
        var (queue, request) = Assert.Single(gateway.Listings);
        Assert.Equal("x400-paris", queue);
        Assert.Equal("alice", request.Filter.Sender);
        Assert.Equal("@paris.contoso.com", request.Filter.Recipient);
        Assert.Equal(TimeSpan.FromMinutes(1), request.Filter.MinAge);
        Assert.Equal(MessageClass.Ipm, request.Filter.Class);
        Assert.Equal(10, request.Limit);
    }

    [Fact]
    public async Task The_work_queue_can_be_listed_and_a_filter_can_match_nothing()
    {
        var (status, body) = await server.GetAsync("/api/queues/work-queue/messages?class=link-monitor");

        Assert.Equal(200, status);
        Assert.Equal(0, body.GetProperty("total").GetInt32());
        Assert.Equal(100, Assert.Single(gateway.Listings).Request.Limit);
    }

    [Theory]
    [InlineData("/api/queues/x400-paris/messages?limit=0", "limit: expected a whole number from 1 to 1000")]
    [InlineData("/api/queues/x400-paris/messages?offset=-1", "offset: expected a whole number")]
    [InlineData("/api/queues/x400-paris/messages?minAgeSeconds=soon", "minAgeSeconds: expected seconds")]
    [InlineData("/api/queues/x400-paris/messages?class=spam", "class: expected ipm, report")]
    [InlineData("/api/queues/x400-paris/messages?colour=red", "colour: unknown parameter")]
    public async Task Bad_parameters_get_400_naming_the_parameter(string path, string reason)
    {
        var (status, body) = await server.GetAsync(path);

        Assert.Equal(400, status);
        Assert.StartsWith(reason, body.GetProperty("error").GetString());
        Assert.Empty(gateway.Listings);
    }

    [Fact]
    public async Task Unknown_queue_gets_404()
    {
        var (status, body) = await server.GetAsync("/api/queues/nowhere/messages");

        Assert.Equal(404, status);
        Assert.Equal("no queue named 'nowhere'", body.GetProperty("error").GetString());
    }
}
