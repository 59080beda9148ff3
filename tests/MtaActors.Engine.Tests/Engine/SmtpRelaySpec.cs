using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Gateway;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Engine;

/// <summary>
/// The whole engine with its Internet gateway (<c>imc</c>, address space <c>*</c>) sent over the SMTP transport to a
/// capturing SMTP server started by the spec: the far end's answers become the link's retries and reports.
/// </summary>
public sealed class SmtpRelaySpec : InMemoryEngineTestKit
{
    private static Topology RelayingTo(CapturingSmtpServer far)
    {
        Assert.True(SmtpEndpointSyntax.TryParse(far.Endpoint, out var host, out var port));
        var topology = TestTopologies.Small();
        return topology with
        {
            Links = [.. topology.Links.Select(l => l.Name == "imc" ? l with { Smtp = new SmtpRelay(host, port, 2) } : l)],
        };
    }

    private static long LocalDeliveries(IMtaGateway mta) => mta.GetSites().Single(s => s.Name == "local-store").Delivered;

    [Fact]
    public async Task Mail_for_the_internet_is_relayed_to_the_smtp_server()
    {
        await using var far = await CapturingSmtpServer.StartAsync();
        var mta = await StartAsync(RelayingTo(far));

        await SendAsync(mta, new MessageDraft { From = "alice@lon.test", To = ["carol@far.test", "dave@far.test"], Subject = "hello" });

        var mail = Assert.Single(await far.WaitForAsync(1, Patience));
        Assert.Equal("alice@lon.test", mail.From);
        Assert.Equal(["carol@far.test", "dave@far.test"], mail.To.Order().ToArray());
        Assert.Equal("hello", mail.Parse().Subject);
    }

    [Fact]
    public async Task A_temporary_refusal_is_retried_and_then_delivered()
    {
        await using var far = await CapturingSmtpServer.StartAsync();
        far.AnswerData = n => n == 1 ? CapturingSmtpServer.Reply(451, "4.3.0 try again later") : null;
        var mta = await StartAsync(RelayingTo(far));

        await SendAsync(mta, new MessageDraft { From = "alice@lon.test", To = ["carol@far.test"] });

        Assert.Equal("carol@far.test", Assert.Single(Assert.Single(await far.WaitForAsync(1, Patience)).To));
        Assert.Equal(0, mta.GetStatistics().NonDelivered);
    }

    [Fact]
    public async Task A_recipient_refused_for_good_gets_a_report_and_the_others_are_delivered()
    {
        await using var far = await CapturingSmtpServer.StartAsync();
        far.RefuseRecipient = to => to == "nobody@far.test" ? CapturingSmtpServer.Reply(550, "5.1.1 no such user") : null;
        var mta = await StartAsync(RelayingTo(far));

        await SendAsync(mta, new MessageDraft { From = "alice@lon.test", To = ["carol@far.test", "nobody@far.test"] });

        Assert.Equal("carol@far.test", Assert.Single(Assert.Single(await far.WaitForAsync(1, Patience)).To));
        await AwaitConditionAsync(() => Task.FromResult(LocalDeliveries(mta) == 1), Patience); // the report, to alice
        Assert.Equal(1, mta.GetStatistics().NonDelivered);
    }

    [Fact]
    public async Task A_report_for_a_remote_originator_leaves_over_smtp_with_the_null_reverse_path()
    {
        await using var far = await CapturingSmtpServer.StartAsync();
        far.RefuseRecipient = to => to == "nobody@far.test" ? CapturingSmtpServer.Reply(550, "5.1.1 no such user") : null;
        var mta = await StartAsync(RelayingTo(far));

        await SendAsync(mta, new MessageDraft { From = "erin@origin.test", To = ["nobody@far.test"], Subject = "lost" });

        var report = Assert.Single(await far.WaitForAsync(1, Patience));
        Assert.Equal("", report.From);
        Assert.Equal("erin@origin.test", Assert.Single(report.To));
        Assert.Contains("lost", report.Parse().Subject, StringComparison.Ordinal);
    }
}
