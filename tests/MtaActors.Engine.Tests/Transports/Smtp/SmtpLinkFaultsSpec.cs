using System.Diagnostics;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Faults;
using MtaActors.Engine.Transports;
using MtaActors.Engine.Transports.Smtp;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Transports.Smtp;

/// <summary>
/// Each fault kind of the switchboard applied at the connections of an SMTP link, against a real SMTP server started by
/// the spec: what the far end sees and what the link is told.
/// </summary>
public sealed class SmtpLinkFaultsSpec : IAsyncLifetime
{
    private const string Link = "imc";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly ServerIdentity Server = new("LON", "London", "Test", Address.Parse("postmaster@lon.test"));
    private readonly FaultSwitchboard _faults = new();
    private CapturingSmtpServer _far = null!;
    private SmtpTransport _transport = null!;

    public async Task InitializeAsync()
    {
        _far = await CapturingSmtpServer.StartAsync();
        Assert.True(SmtpEndpointSyntax.TryParse(_far.Endpoint, out var host, out var port));
        _transport = new SmtpTransport(new SmtpRelay(host, port, 2), Server, TcpSmtpDialer.Instance, TimeProvider.System, new SmtpLinkFaults(Link, _faults, TimeProvider.System));
    }

    public async Task DisposeAsync()
    {
        await _transport.DisposeAsync();
        await _far.DisposeAsync();
    }

    private static Envelope Envelope(string to = "carol@far.test", string body = "hello", string subject = "")
        => TestMessages.EnvelopeFor(TestMessages.Create(new MessageDraft { From = "alice@lon.test", To = [to], Body = body, Subject = subject }));

    private async Task<TransferOutcome> TransferAsync(TimeSpan? timeout = null, params Envelope[] batch)
    {
        using var bound = new CancellationTokenSource(timeout ?? Bound);
        return await _transport.TransferAsync(batch.Length == 0 ? [Envelope()] : batch, bound.Token);
    }

    [Fact]
    public async Task Down_refuses_the_connection_and_nothing_reaches_the_far_end()
    {
        _faults.Set(Link, DownFault.Instance);

        var outcome = await TransferAsync();

        Assert.Equal(TransferFailure.Refused, Assert.IsType<TransferOutcome.Failure>(outcome).Kind);
        Assert.Equal(0, _far.Sessions);
        _faults.ClearAll();
        Assert.Equal(TransferOutcome.Success.Clean, await TransferAsync());
    }

    [Fact]
    public async Task Down_also_drops_a_pooled_connection()
    {
        Assert.Equal(TransferOutcome.Success.Clean, await TransferAsync());
        _faults.Set(Link, DownFault.Instance);

        var outcome = await TransferAsync();

        Assert.Equal(TransferFailure.Refused, Assert.IsType<TransferOutcome.Failure>(outcome).Kind);
        Assert.Single(_far.Mail);
    }

    [Fact]
    public async Task Hang_connects_and_never_answers_until_the_transfer_timeout_ends_it()
    {
        _faults.Set(Link, HangFault.Instance);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TransferAsync(TimeSpan.FromMilliseconds(500)));

        Assert.Equal(1, _far.Sessions); // connected: a hang is not a refusal
        Assert.Empty(_far.Mail);
        _faults.ClearAll();
        Assert.Equal(TransferOutcome.Success.Clean, await TransferAsync());
        Assert.Single(_far.Mail);
    }

    [Fact]
    public async Task Latency_slows_every_read_and_write()
    {
        _faults.Set(Link, new LatencyFault(TimeSpan.FromMilliseconds(100), TimeSpan.Zero));
        var clock = Stopwatch.StartNew();

        Assert.Equal(TransferOutcome.Success.Clean, await TransferAsync());

        // Greeting, EHLO, the pipelined commands and their answers, the message and its answer: well over five I/Os.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(500), $"took {clock.Elapsed}");
        Assert.Single(_far.Mail);
    }

    [Fact]
    public async Task Bandwidth_paces_the_bytes_on_the_line()
    {
        _faults.Set(Link, new BandwidthFault(4_000));
        var clock = Stopwatch.StartNew();

        Assert.Equal(TransferOutcome.Success.Clean, await TransferAsync(batch: Envelope(body: new string('x', 8_000))));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(2), $"8,000 octets at 4,000/s took {clock.Elapsed}");
        Assert.Equal(8_000, _far.Mail.Single().Parse().TextBody!.TrimEnd().Length);
    }

    [Fact]
    public async Task Reset_drops_the_connection_mid_data_and_the_far_end_keeps_nothing()
    {
        _faults.Set(Link, new ResetFault(1));

        var outcome = await TransferAsync(batch: Envelope(body: new string('x', 4_000)));

        Assert.Equal(TransferFailure.Reset, Assert.IsType<TransferOutcome.Failure>(outcome).Kind);
        Assert.Equal(1, _far.Sessions);
        Assert.Empty(_far.Mail);
        _faults.ClearAll();
        Assert.Equal(TransferOutcome.Success.Clean, await TransferAsync());
    }

    [Fact]
    public async Task Error_rate_answers_451_and_sends_nothing()
    {
        _faults.Set(Link, new ErrorRateFault(1));

        var outcome = Assert.IsType<TransferOutcome.Failure>(await TransferAsync());

        Assert.Equal(TransferFailure.Transient, outcome.Kind);
        Assert.Contains("451", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(_far.Mail);
    }

    [Fact]
    public async Task Error_rate_defers_only_the_transactions_it_hits()
    {
        _faults.Set(Link, new ErrorRateFault(0.5));
        var batch = Enumerable.Range(0, 40).Select(i => Envelope($"r{i}@far.test")).ToArray();

        var outcome = Assert.IsType<TransferOutcome.Success>(await TransferAsync(batch: batch));

        Assert.NotEmpty(outcome.Deferred);
        Assert.Equal(40, outcome.Deferred.Length + _far.Mail.Count);
    }

    [Fact]
    public async Task Flap_refuses_in_its_down_phase()
    {
        _faults.Set(Link, new FlapFault(TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1)));
        await Task.Delay(50);

        Assert.Equal(TransferFailure.Refused, Assert.IsType<TransferOutcome.Failure>(await TransferAsync()).Kind);
        Assert.Equal(0, _far.Sessions);
    }

    [Fact]
    public async Task Crash_throws_on_a_batch_carrying_the_message()
    {
        _faults.Set(Link, new CrashFault("POISON"));

        await Assert.ThrowsAsync<InjectedCrashException>(() => TransferAsync(batch: Envelope(subject: "a POISON pill")));
        Assert.Equal(TransferOutcome.Success.Clean, await TransferAsync(batch: Envelope(subject: "harmless")));
    }

    [Fact]
    public void Corrupt_has_no_meaning_on_an_smtp_link_and_is_refused_with_a_reason()
    {
        Assert.Contains("no meaning on imc, an SMTP link", _faults.Support.Refusal(Link, FaultKinds.Corrupt), StringComparison.Ordinal);
        Assert.All(SmtpLinkFaults.Supported, kind => Assert.Null(_faults.Support.Refusal(Link, kind)));
        Assert.Null(_faults.Support.Refusal("x400-par", FaultKinds.Corrupt)); // a simulated link takes every kind
    }
}
