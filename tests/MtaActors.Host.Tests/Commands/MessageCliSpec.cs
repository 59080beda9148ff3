using MtaActors.Engine.Queues;

namespace MtaActors.Host.Tests.Commands;

/// <summary><c>mta message hold|release|requeue|remove</c> and <c>mta queue retry</c> against the API on a real socket.</summary>
public sealed class MessageCliSpec : IAsyncLifetime
{
    private readonly FakeGateway gateway = new();
    private ApiServer server = null!;

    private string Http => server.Address.ToString();

    public async Task InitializeAsync() => server = await ApiServer.StartAsync(gateway);

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("hold", MessageAction.Hold)]
    [InlineData("release", MessageAction.Release)]
    [InlineData("requeue", MessageAction.Requeue)]
    public async Task An_operation_prints_what_each_queue_did(string verb, MessageAction action)
    {
        var run = await CliRun.InvokeAsync("message", verb, "m-1", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("m-1 on x400-paris: done", Assert.Single(run.OutLines));
        Assert.Equal(("m-1", action, false), Assert.Single(gateway.Operations));
    }

    [Fact]
    public async Task Remove_with_ndr_asks_for_a_report()
    {
        var run = await CliRun.InvokeAsync("message", "remove", "m-1", "--ndr", "--http", Http);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("m-1 on x400-paris: done (removed with a non-delivery report)", Assert.Single(run.OutLines));
        Assert.Equal(("m-1", MessageAction.Remove, true), Assert.Single(gateway.Operations));
    }

    [Fact]
    public async Task A_refused_or_unknown_message_fails_in_one_line()
    {
        var refused = await CliRun.InvokeAsync("message", "requeue", "secured-1", "--http", Http);
        var unknown = await CliRun.InvokeAsync("message", "hold", "nowhere-1", "--http", Http);

        Assert.Equal((1, 1), (refused.ExitCode, unknown.ExitCode));
        Assert.Contains("imc: on a secured queue", Assert.Single(refused.ErrorLines));
        Assert.Contains("no queue holds message 'nowhere-1'", Assert.Single(unknown.ErrorLines));
    }

    [Fact]
    public async Task Missing_id_is_bad_usage()
    {
        var run = await CliRun.InvokeAsync("message", "hold", "--http", Http);

        Assert.Equal(2, run.ExitCode);
        Assert.Single(run.ErrorLines);
    }

    [Fact]
    public async Task Queue_retry_prints_what_it_did_and_fails_when_refused()
    {
        var retried = await CliRun.InvokeAsync("queue", "retry", "x400-paris", "--http", Http);
        var refused = await CliRun.InvokeAsync("queue", "retry", "poison", "--http", Http);

        Assert.Equal(0, retried.ExitCode);
        Assert.Equal("x400-paris: up, handed 2 messages back to the router; trying the link now", Assert.Single(retried.OutLines));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("the poison queue is never retried", Assert.Single(refused.ErrorLines));
    }
}
