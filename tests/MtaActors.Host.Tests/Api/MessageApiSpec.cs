using MtaActors.Engine.Queues;

namespace MtaActors.Host.Tests.Api;

/// <summary>
/// <c>POST /api/messages/{id}/hold|release|requeue</c>, <c>DELETE /api/messages/{id}?ndr=</c> and
/// <c>POST /api/queues/{name}/retry</c> over a real socket: 200 with each queue's answer, 404, 409 and 400 with reasons.
/// </summary>
public sealed class MessageApiSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("hold", MessageAction.Hold)]
    [InlineData("release", MessageAction.Release)]
    [InlineData("requeue", MessageAction.Requeue)]
    public async Task An_operation_answers_every_queue_that_did_it(string verb, MessageAction action)
    {
        var (status, body) = await server.PostAsync($"/api/messages/m-1/{verb}", "");

        Assert.Equal(200, status);
        Assert.Equal(("m-1", verb), (body.GetProperty("id").GetString(), body.GetProperty("action").GetString()));
        var queue = Assert.Single(body.GetProperty("queues").EnumerateArray());
        Assert.Equal(("x400-paris", "done"), (queue.GetProperty("queue").GetString(), queue.GetProperty("outcome").GetString()));
        Assert.Equal(("m-1", action, false), Assert.Single(gateway.Operations));
    }

    [Theory]
    [InlineData("/api/messages/m-1?ndr=true", true)]
    [InlineData("/api/messages/m-1?ndr=false", false)]
    [InlineData("/api/messages/m-1", false)]
    public async Task Delete_removes_with_or_without_a_report(string path, bool report)
    {
        var (status, body) = await server.SendAsync(HttpMethod.Delete, path);

        Assert.Equal(200, status);
        Assert.Equal("remove", body.GetProperty("action").GetString());
        Assert.Equal(("m-1", MessageAction.Remove, report), Assert.Single(gateway.Operations));
    }

    [Fact]
    public async Task A_message_no_queue_holds_is_404()
    {
        var (status, body) = await server.PostAsync("/api/messages/nowhere-1/hold", "");

        Assert.Equal(404, status);
        Assert.Equal("no queue holds message 'nowhere-1'", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_refused_operation_is_409_with_each_queue_s_reason()
    {
        var (status, body) = await server.PostAsync("/api/messages/secured-1/requeue", "");

        Assert.Equal(409, status);
        Assert.Equal("cannot requeue message 'secured-1': imc: on a secured queue, which never gives a message back to be routed again", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("/api/messages/m-1?ndr=maybe", "ndr: expected true or false (got 'maybe')")]
    [InlineData("/api/messages/m-1?report=true", "report: unknown parameter (expected ndr)")]
    public async Task Bad_delete_parameters_are_400(string path, string reason)
    {
        var (status, body) = await server.SendAsync(HttpMethod.Delete, path);

        Assert.Equal(400, status);
        Assert.Equal(reason, body.GetProperty("error").GetString());
        Assert.Empty(gateway.Operations);
    }

    [Fact]
    public async Task Retry_answers_what_it_did_refuses_the_poison_queue_and_does_not_know_other_names()
    {
        var (status, body) = await server.PostAsync("/api/queues/x400-paris/retry", "");
        Assert.Equal(200, status);
        Assert.Equal(("x400-paris", 2), (body.GetProperty("queue").GetString(), body.GetProperty("rerouted").GetInt32()));

        (status, body) = await server.PostAsync("/api/queues/poison/retry", "");
        Assert.Equal(409, status);
        Assert.StartsWith("cannot retry poison: the poison queue is never retried", body.GetProperty("error").GetString());

        (status, body) = await server.PostAsync("/api/queues/nowhere/retry", "");
        Assert.Equal(404, status);
        Assert.Equal("no queue named 'nowhere'", body.GetProperty("error").GetString());
        Assert.Equal(["x400-paris", "poison"], gateway.Retries);
    }
}
