using MtaActors.Engine.Delivery;
using MtaActors.Engine.Tests.Delivery;
using MtaActors.Engine.Transports;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Transports;

public sealed class LocalStoreTransportSpec : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Delivers_into_the_store_once_per_message_and_recipient()
    {
        await using var sink = await DeliverySink.OpenAsync("local", _folder.File("local.log"), Timeout());
        var transport = new LocalStoreTransport(sink);

        var first = await transport.TransferAsync([TestMail.Envelope("m1", "a@london.example", "b@london.example")], Timeout());
        var again = await transport.TransferAsync([TestMail.Envelope("m1", "a@london.example")], Timeout());

        Assert.Equal(TransferOutcome.Success.Clean, first);
        Assert.Equal(new TransferOutcome.Success(DuplicatesSuppressed: 1), again);
        Assert.Equal(new SiteCounters("local", Received: 3, Delivered: 2, Distinct: 2, DuplicatesSuppressed: 1), sink.Counters);
    }

    [Fact]
    public async Task Refuses_a_damaged_message_as_corrupt()
    {
        await using var sink = await DeliverySink.OpenAsync("local", _folder.File("local.log"), Timeout());
        var transport = new LocalStoreTransport(sink);
        var envelope = TestMail.Envelope("m1");
        envelope = envelope with { Message = envelope.Message with { Subject = "changed on the way" } };

        var outcome = await transport.TransferAsync([envelope], Timeout());

        Assert.Equal(TransferFailure.Corrupt, Assert.IsType<TransferOutcome.Failure>(outcome).Kind);
        Assert.False(sink.HasDelivered("m1", "user@paris.example"));
    }

    [Fact]
    public async Task Probe_succeeds_at_once()
    {
        await using var sink = await DeliverySink.OpenAsync("local", _folder.File("local.log"), Timeout());

        var probe = new LocalStoreTransport(sink).ProbeAsync(Timeout());

        Assert.True(probe.IsCompleted);
        Assert.Equal(TransferOutcome.Success.Clean, await probe);
    }

    private static CancellationToken Timeout() => new CancellationTokenSource(Bound).Token;
}
