using System.Diagnostics;
using MailKit.Net.Smtp;
using MimeKit;
using MtaActors.Engine.Faults;

namespace MtaActors.Host.Tests.Smtp;

/// <summary>
/// Faults on the SMTP listener (the <c>smtp-listener</c> pseudo-link), seen by a client no one here wrote: MailKit's
/// SmtpClient against the listener on a real socket, in front of a fake engine.
/// </summary>
public sealed class SmtpListenerFaultSpec
{
    private const string Local = "jsmith@london.contoso.com";

    [Fact]
    public async Task Down_resets_every_connection_before_the_greeting_and_clearing_it_lets_mail_in()
    {
        await using var listener = await InProcessListener.StartAsync();
        listener.Gateway.Faults.Set(ListenerFaults.Name, DownFault.Instance);

        using (var client = new SmtpClient())
        {
            await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync("127.0.0.1", listener.Port, MailKit.Security.SecureSocketOptions.None));
        }

        Assert.Empty(listener.Gateway.Submitted);
        Assert.True(listener.Counters.ConnectionsRefused >= 1);

        listener.Gateway.Faults.Clear(ListenerFaults.Name);
        await SendAsync(listener, "after down");
        Assert.Single(listener.Gateway.Submitted);
    }

    [Fact]
    public async Task Error_rate_greets_sessions_with_421_and_closes_them()
    {
        await using var listener = await InProcessListener.StartAsync();
        listener.Gateway.Faults.Set(ListenerFaults.Name, new ErrorRateFault(1));

        using var client = new SmtpClient();
        var refused = await Assert.ThrowsAsync<SmtpCommandException>(() => client.ConnectAsync("127.0.0.1", listener.Port, MailKit.Security.SecureSocketOptions.None));

        Assert.Equal(SmtpStatusCode.ServiceNotAvailable, refused.StatusCode);
        Assert.Contains("4.3.2", refused.Message, StringComparison.Ordinal);
        Assert.Empty(listener.Gateway.Submitted);
        Assert.Equal(1, listener.Counters.Refusals.GetValueOrDefault(421));
    }

    [Fact]
    public async Task Hang_connects_and_never_greets()
    {
        await using var listener = await InProcessListener.StartAsync();
        listener.Gateway.Faults.Set(ListenerFaults.Name, HangFault.Instance);

        using var client = new SmtpClient();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ConnectAsync("127.0.0.1", listener.Port, MailKit.Security.SecureSocketOptions.None, patience.Token));

        Assert.Empty(listener.Gateway.Submitted);
    }

    [Fact]
    public async Task Latency_delays_every_reply_and_the_mail_still_arrives()
    {
        await using var listener = await InProcessListener.StartAsync();
        var latency = TimeSpan.FromMilliseconds(100);
        listener.Gateway.Faults.Set(ListenerFaults.Name, new LatencyFault(latency, TimeSpan.Zero));

        var watch = Stopwatch.StartNew();
        await SendAsync(listener, "slow replies");

        // Greeting, EHLO, MAIL, RCPT, DATA, the final dot, QUIT: at least seven replies, each held back by the latency.
        Assert.True(watch.Elapsed >= latency * 7, $"took {watch.Elapsed}");
        Assert.Single(listener.Gateway.Submitted);
    }

    [Fact]
    public async Task Toxicity_draws_per_connection_so_some_sessions_are_refused_and_others_deliver()
    {
        await using var listener = await InProcessListener.StartAsync();
        listener.Gateway.Faults.Reseed(11);
        listener.Gateway.Faults.Set(ListenerFaults.Name, new ErrorRateFault(1) { Toxicity = 0.5 });

        var refused = 0;
        for (var i = 0; i < 16; i++)
        {
            try
            {
                await SendAsync(listener, $"try {i}");
            }
            catch (SmtpCommandException e) when (e.StatusCode == SmtpStatusCode.ServiceNotAvailable)
            {
                refused++;
            }
        }

        Assert.InRange(refused, 1, 15);
        Assert.Equal(16 - refused, listener.Gateway.Submitted.Count);
    }

    private static async Task SendAsync(InProcessListener listener, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("alice@example.com"));
        message.To.Add(MailboxAddress.Parse(Local));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "hello" };
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", listener.Port, MailKit.Security.SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);
    }
}
