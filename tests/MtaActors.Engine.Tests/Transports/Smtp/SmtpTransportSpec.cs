using System.Net;
using System.Net.Sockets;
using System.Text;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Transports;
using MtaActors.Engine.Transports.Smtp;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Transports.Smtp;

/// <summary>The SMTP transport against a real SMTP server (SmtpServer) started by the spec on a free loopback port.</summary>
public sealed class SmtpTransportSpec
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly ServerIdentity Server = new("LON", "London", "Test", Address.Parse("postmaster@lon.test"));

    private static SmtpTransport Transport(string endpoint, int connections = 2)
    {
        Assert.True(SmtpEndpointSyntax.TryParse(endpoint, out var host, out var port));
        return new SmtpTransport(new SmtpRelay(host, port, connections), Server, TcpSmtpDialer.Instance, TimeProvider.System);
    }

    private static Envelope Envelope(MessageDraft draft) => TestMessages.EnvelopeFor(TestMessages.Create(draft));

    private static async Task<TransferOutcome> TransferAsync(SmtpTransport transport, params Envelope[] batch)
    {
        using var bound = new CancellationTokenSource(Bound);
        return await transport.TransferAsync(batch, bound.Token);
    }

    [Fact]
    public async Task Mail_from_smtp_arrives_octet_for_octet_with_its_headers()
    {
        await using var far = await CapturingSmtpServer.StartAsync();
        await using var transport = Transport(far.Endpoint);
        var content = "Received: from client.test by LON\r\n\tid 1; Wed, 02 Dec 2026 15:00:00 +0000\r\n"
                      + "From: Alice <alice@lon.test>\r\nTo: carol@far.test\r\nSubject: =?utf-8?q?caf=C3=A9?=\r\n"
                      + "Message-ID: <m1@client.test>\r\nX-Trace: kept\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                      + "line one\r\n.line starting with a dot\r\n";
        var envelope = Envelope(new MessageDraft { From = "alice@lon.test", To = ["carol@far.test"], Body = content, Format = ContentFormat.Rfc5322, Subject = "café" });

        var outcome = await TransferAsync(transport, envelope);

        Assert.Equal(TransferOutcome.Success.Clean, outcome);
        var mail = Assert.Single(far.Mail);
        Assert.Equal("alice@lon.test", mail.From);
        Assert.Equal("carol@far.test", Assert.Single(mail.To));
        // SmtpServer hands over the data without the CRLF that belongs to the final "." line.
        Assert.Equal(content, Encoding.Latin1.GetString(mail.Data) + "\r\n");
    }

    [Fact]
    public async Task Mail_from_the_api_arrives_with_the_headers_a_reader_needs()
    {
        await using var far = await CapturingSmtpServer.StartAsync();
        await using var transport = Transport(far.Endpoint);
        var envelope = Envelope(new MessageDraft { From = "alice@lon.test", To = ["carol@far.test"], Subject = "Quarterly figures", Body = "See attached." });

        Assert.Equal(TransferOutcome.Success.Clean, await TransferAsync(transport, envelope));

        var mime = Assert.Single(far.Mail).Parse();
        Assert.Equal("Quarterly figures", mime.Subject);
        Assert.Equal($"{envelope.MessageId}@lon.test", mime.MessageId);
        Assert.Equal("alice@lon.test", mime.From.Mailboxes.Single().Address);
        Assert.Equal("See attached.", mime.TextBody?.Trim());
    }

    [Fact]
    public async Task Connections_are_reused_and_never_more_than_the_link_allows()
    {
        await using var far = await CapturingSmtpServer.StartAsync();
        await using var transport = Transport(far.Endpoint, connections: 2);
        var first = Enumerable.Range(0, 10).Select(i => Envelope(new MessageDraft { From = "alice@lon.test", To = [$"r{i}@far.test"] })).ToArray();
        var second = Enumerable.Range(10, 10).Select(i => Envelope(new MessageDraft { From = "alice@lon.test", To = [$"r{i}@far.test"] })).ToArray();

        Assert.IsType<TransferOutcome.Success>(await TransferAsync(transport, first));
        Assert.IsType<TransferOutcome.Success>(await TransferAsync(transport, second));

        Assert.Equal(20, far.Mail.Count);
        Assert.Equal(2, far.Sessions); // both batches, 20 transactions, over the same two connections
        Assert.True(far.MostOpenAtOnce <= 2, $"{far.MostOpenAtOnce} connections were open at once");
        Assert.Equal(2, far.Mail.Select(m => m.Session).Distinct().Count()); // and both were used: in parallel
    }

    [Fact]
    public async Task A_recipient_refused_for_good_is_reported_and_the_others_are_delivered()
    {
        await using var far = await CapturingSmtpServer.StartAsync();
        far.RefuseRecipient = to => to == "nobody@far.test" ? CapturingSmtpServer.Reply(550, "5.1.1 no such user") : null;
        await using var transport = Transport(far.Endpoint);
        var envelope = Envelope(new MessageDraft { From = "alice@lon.test", To = ["carol@far.test", "nobody@far.test"] });

        var answer = await TransferAsync(transport, envelope);

        var outcome = Assert.IsType<TransferOutcome.Success>(answer);
        var refusal = Assert.Single(outcome.Refused);
        Assert.Equal(Address.Parse("nobody@far.test"), refusal.Recipient);
        Assert.Equal(envelope.MessageId, refusal.MessageId);
        Assert.StartsWith("smtp; 550 ", refusal.Diagnostic, StringComparison.Ordinal);
        Assert.Contains("5.1.1", refusal.Diagnostic, StringComparison.Ordinal);
        Assert.Empty(outcome.Deferred);
        Assert.Equal("carol@far.test", Assert.Single(Assert.Single(far.Mail).To));
    }

    [Fact]
    public async Task Every_recipient_refused_sends_nothing_and_reports_them_all()
    {
        await using var far = await CapturingSmtpServer.StartAsync();
        far.RefuseRecipient = _ => CapturingSmtpServer.Reply(550, "5.1.1 no such user");
        await using var transport = Transport(far.Endpoint);
        var envelope = Envelope(new MessageDraft { From = "alice@lon.test", To = ["a@far.test", "b@far.test"] });

        var outcome = Assert.IsType<TransferOutcome.Success>(await TransferAsync(transport, envelope));

        Assert.Equal(2, outcome.Refused.Length);
        Assert.Empty(far.Mail);
    }

    [Fact]
    public async Task A_temporary_refusal_defers_only_that_message()
    {
        await using var far = await CapturingSmtpServer.StartAsync();
        far.AnswerData = n => n == 1 ? CapturingSmtpServer.Reply(451, "4.3.0 try again later") : null;
        await using var transport = Transport(far.Endpoint, connections: 1);
        var first = Envelope(new MessageDraft { From = "alice@lon.test", To = ["a@far.test"] });
        var second = Envelope(new MessageDraft { From = "alice@lon.test", To = ["b@far.test"] });

        var outcome = Assert.IsType<TransferOutcome.Success>(await TransferAsync(transport, first, second));

        Assert.Single(outcome.Deferred);
        Assert.Single(far.Mail);
        var delivered = far.Mail[0].To[0] == "a@far.test" ? first : second;
        Assert.NotEqual(delivered.MessageId, outcome.Deferred[0]);
    }

    [Fact]
    public async Task A_temporary_refusal_of_the_whole_batch_is_a_transient_failure()
    {
        await using var far = await CapturingSmtpServer.StartAsync();
        far.AnswerData = _ => CapturingSmtpServer.Reply(451, "4.3.0 try again later");
        await using var transport = Transport(far.Endpoint);

        var outcome = await TransferAsync(transport, Envelope(new MessageDraft { From = "alice@lon.test", To = ["a@far.test"] }));

        var failure = Assert.IsType<TransferOutcome.Failure>(outcome);
        Assert.Equal(TransferFailure.Transient, failure.Kind);
        Assert.Contains("451", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_listening_is_a_refused_connection()
    {
        await using var transport = Transport($"127.0.0.1:{FreePort.Next()}");

        var outcome = await TransferAsync(transport, Envelope(new MessageDraft { From = "alice@lon.test", To = ["a@far.test"] }));

        Assert.Equal(TransferFailure.Refused, Assert.IsType<TransferOutcome.Failure>(outcome).Kind);
        Assert.Equal(TransferFailure.Refused, Assert.IsType<TransferOutcome.Failure>(await transport.ProbeAsync(new CancellationTokenSource(Bound).Token)).Kind);
    }

    [Fact]
    public async Task A_far_end_that_never_answers_is_ended_by_the_transfer_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<Socket>();
        var accepting = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silent.AcceptSocketAsync());
            }
        });
        await using var transport = Transport($"127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));

        var transfer = transport.TransferAsync([Envelope(new MessageDraft { From = "alice@lon.test", To = ["a@far.test"] })], timeout.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transfer.WaitAsync(Bound));
        silent.Stop();
        held.ForEach(s => s.Dispose());
        _ = accepting.Exception;
    }
}
