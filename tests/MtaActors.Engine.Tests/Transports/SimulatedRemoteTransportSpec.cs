using Microsoft.Extensions.Time.Testing;
using MtaActors.Core.Topology;
using MtaActors.Engine.Delivery;
using MtaActors.Engine.Tests.Delivery;
using MtaActors.Engine.Transports;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Transports;

public sealed class SimulatedRemoteTransportSpec : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _folder = new();
    private readonly FakeTimeProvider _time = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Answers_after_the_site_latency_and_records_the_batch()
    {
        await using var sink = await OpenSinkAsync();
        var transport = new SimulatedRemoteTransport(new RemoteSite("paris", TimeSpan.FromMilliseconds(40)), sink, _time);

        var transfer = transport.TransferAsync(TestMail.Batch(3), Timeout());
        _time.Advance(TimeSpan.FromMilliseconds(39));

        Assert.False(transfer.IsCompleted);
        Assert.Equal(0, sink.Counters.Received);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TransferOutcome.Success.Clean, await transfer.WaitAsync(Bound));
        Assert.Equal(3, sink.Counters.Delivered);
    }

    [Fact]
    public async Task Reports_how_many_recipients_were_duplicates()
    {
        await using var sink = await OpenSinkAsync();
        var transport = new SimulatedRemoteTransport(new RemoteSite("paris", TimeSpan.Zero), sink, _time);
        await transport.TransferAsync(TestMail.Batch(2), Timeout());

        var outcome = await transport.TransferAsync(TestMail.Batch(3), Timeout());

        Assert.Equal(new TransferOutcome.Success(DuplicatesSuppressed: 2), outcome);
    }

    [Fact]
    public async Task A_damaged_envelope_fails_the_whole_batch_as_corrupt_and_nothing_is_recorded()
    {
        await using var sink = await OpenSinkAsync();
        var transport = new SimulatedRemoteTransport(new RemoteSite("paris", TimeSpan.Zero), sink, _time);
        var good = TestMail.Envelope("m1");
        var bad = TestMail.Envelope("m2");
        bad = bad with { Message = bad.Message with { Body = "tampered" } };

        var outcome = await transport.TransferAsync([good, bad], Timeout());

        Assert.Equal(new TransferOutcome.Failure(TransferFailure.Corrupt, "checksum mismatch on m2"), outcome);
        Assert.Equal(0, sink.Counters.Received);
    }

    [Fact]
    public async Task Probe_answers_after_the_site_latency()
    {
        await using var sink = await OpenSinkAsync();
        var transport = new SimulatedRemoteTransport(new RemoteSite("paris", TimeSpan.FromSeconds(1)), sink, _time);

        var probe = transport.ProbeAsync(Timeout());
        _time.Advance(TimeSpan.FromMilliseconds(999));

        Assert.False(probe.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(TransferOutcome.Success.Clean, await probe.WaitAsync(Bound));
    }

    [Fact]
    public async Task A_cancelled_wait_for_the_far_end_throws_and_records_nothing()
    {
        await using var sink = await OpenSinkAsync();
        var transport = new SimulatedRemoteTransport(new RemoteSite("paris", TimeSpan.FromSeconds(5)), sink, _time);
        using var cancellation = new CancellationTokenSource();

        var transfer = transport.TransferAsync(TestMail.Batch(1), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transfer.WaitAsync(Bound));
        Assert.Equal(0, sink.Counters.Received);
    }

    [Fact]
    public async Task A_closed_site_store_is_a_transient_failure_not_a_crash()
    {
        var sink = await OpenSinkAsync();
        var transport = new SimulatedRemoteTransport(new RemoteSite("paris", TimeSpan.Zero), sink, _time);
        await sink.DisposeAsync();

        var outcome = await transport.TransferAsync(TestMail.Batch(1), Timeout());

        Assert.Equal(TransferFailure.Transient, Assert.IsType<TransferOutcome.Failure>(outcome).Kind);
    }

    private Task<DeliverySink> OpenSinkAsync() => DeliverySink.OpenAsync("paris", _folder.File("paris.log"), Timeout());

    private static CancellationToken Timeout() => new CancellationTokenSource(Bound).Token;
}
