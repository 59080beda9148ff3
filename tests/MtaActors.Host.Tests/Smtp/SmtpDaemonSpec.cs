using System.Net.Http.Json;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Smtp;

/// <summary>The real daemon (<c>mta run</c>, SQLite journal) taking mail over SMTP on a free port, sent with MailKit.</summary>
public sealed class SmtpDaemonSpec : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _data = new();
    private readonly int _smtpPort = FreePort.Next();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Mail_sent_over_SMTP_is_delivered_to_the_local_store_and_relayed_to_a_remote_site()
    {
        await using var daemon = await StartAsync();

        await SendAsync(Message("m1@example.com"), "jsmith@london.contoso.com", "pdupont@paris.contoso.com");

        await EventuallyAsync(async () => (await SitesAsync(daemon))["local-store"].Delivered == 1 && (await SitesAsync(daemon))["Paris"].Delivered == 1);
    }

    [Fact]
    public async Task Every_message_answered_250_by_concurrent_sessions_is_delivered_after_a_kill_9()
    {
        const int Sessions = 10, PerSession = 3;
        await using (var daemon = await StartAsync())
        {
            await Task.WhenAll(Enumerable.Range(0, Sessions).Select(async session =>
            {
                using var client = await ConnectAsync();
                for (var i = 0; i < PerSession; i++)
                {
                    await client.SendAsync(Message($"s{session}-m{i}@example.com"), Sender, [MailboxAddress.Parse("jsmith@london.contoso.com")]);
                }

                await client.DisconnectAsync(quit: true);
            }));

            await daemon.KillAsync();
        }

        await using var again = await DaemonProcess.StartAsync(_data.Path);
        await EventuallyAsync(async () => (await SitesAsync(again))["local-store"].Distinct == Sessions * PerSession);
        Assert.Equal(Sessions * PerSession, (await SitesAsync(again))["local-store"].Delivered);
    }

    [Fact]
    public async Task Message_sent_again_after_its_250_was_lost_in_a_crash_is_suppressed_and_counted()
    {
        var message = Message("resent@example.com");
        await using (var daemon = await StartAsync())
        {
            await SendAsync(message, "jsmith@london.contoso.com");
            await EventuallyAsync(async () => (await SitesAsync(daemon))["local-store"].Delivered == 1);
            await daemon.KillAsync();
        }

        await using var again = await StartAsync();
        await SendAsync(message, "jsmith@london.contoso.com");

        // The work queue still knows the id (its finished-id window is journaled): the resend is answered 250 as the
        // same message again, counted as a deduplicated submission, and never handed to the store a second time.
        await EventuallyAsync(async () => (await again.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stats", UriKind.Relative))).GetProperty("submissionsDeduplicated").GetInt64() == 1);
        var store = (await SitesAsync(again))["local-store"];
        Assert.Equal((1, 1), (store.Delivered, store.Distinct)); // the store may also have seen the first copy again, if the kill came before the work queue journaled its delivery
    }

    [Fact]
    public async Task Message_without_a_Message_ID_sent_again_after_its_250_was_lost_in_a_crash_is_suppressed_and_counted()
    {
        var message = Message("unused@example.com");
        message.Headers.Remove(HeaderId.MessageId);
        await using (var daemon = await StartAsync())
        {
            await SendAsync(message, "jsmith@london.contoso.com");
            await EventuallyAsync(async () => (await SitesAsync(daemon))["local-store"].Delivered == 1);
            await daemon.KillAsync();
        }

        await using var again = await StartAsync();
        await SendAsync(message, "jsmith@london.contoso.com");

        // Its id comes from its content and envelope, so the resend is the same message to the work queue's id rule.
        await EventuallyAsync(async () => (await again.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stats", UriKind.Relative))).GetProperty("submissionsDeduplicated").GetInt64() == 1);
        var store = (await SitesAsync(again))["local-store"];
        Assert.Equal((1, 1), (store.Delivered, store.Distinct));
    }

    [Fact]
    public async Task Message_that_already_passed_as_many_MTAs_as_the_hop_limit_is_answered_with_a_non_delivery_report()
    {
        await using var daemon = await StartAsync();
        var looping = Message("looping@example.com");
        for (var hop = 0; hop < 20; hop++)
        {
            looping.Headers.Add("Received", $"from relay{hop}.example by relay{hop + 1}.example with ESMTP; Tue, 1 Dec 2026 10:00:00 +0000");
        }

        await SendAsync(looping, "jsmith@london.contoso.com");

        // The report goes back to the originator (alice@example.com), over the Internet gateway.
        await EventuallyAsync(async () => (await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stats", UriKind.Relative))).GetProperty("nonDelivered").GetInt64() == 1
                                          && (await SitesAsync(daemon))["Internet"].Delivered == 1);
        Assert.Equal(0, (await SitesAsync(daemon))["local-store"].Delivered);
    }

    private static readonly MailboxAddress Sender = MailboxAddress.Parse("alice@example.com");

    private static MimeMessage Message(string messageId)
    {
        var message = new MimeMessage { MessageId = messageId, Subject = $"about {messageId}" };
        message.From.Add(Sender);
        message.To.Add(MailboxAddress.Parse("jsmith@london.contoso.com"));
        message.Body = new TextPart("plain") { Text = "hello over SMTP" };
        return message;
    }

    private Task<DaemonProcess> StartAsync() => DaemonProcess.StartAsync(_data.Path, ["--smtp", $"127.0.0.1:{_smtpPort}"]);

    private async Task<SmtpClient> ConnectAsync()
    {
        var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync("127.0.0.1", _smtpPort, SecureSocketOptions.None);
        return client;
    }

    private async Task SendAsync(MimeMessage message, params string[] recipients)
    {
        using var client = await ConnectAsync();
        await client.SendAsync(message, Sender, recipients.Select(MailboxAddress.Parse));
        await client.DisconnectAsync(quit: true);
    }

    private static async Task<Dictionary<string, Site>> SitesAsync(DaemonProcess daemon)
        => (await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/sites", UriKind.Relative))).EnumerateArray().ToDictionary(
            s => s.GetProperty("name").GetString()!,
            s => new Site(s.GetProperty("delivered").GetInt64(), s.GetProperty("distinct").GetInt64(), s.GetProperty("duplicatesSuppressed").GetInt64()));

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met in time");
            await Task.Delay(100);
        }
    }

    private sealed record Site(long Delivered, long Distinct, long DuplicatesSuppressed);
}
