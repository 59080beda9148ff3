using System.Net;
using MailKit.Net.Smtp;
using MimeKit;
using MtaActors.Core.Messages;
using MtaActors.Engine.Gateway;
using MtaActors.Host.Smtp;

namespace MtaActors.Host.Tests.Smtp;

/// <summary>The listener on a real socket, driven by MailKit's SmtpClient, swaks and a bare socket, in front of a fake engine.</summary>
public sealed class SmtpListenerSpec
{
    private const string Local = "jsmith@london.contoso.com";

    [Fact]
    public async Task Message_sent_with_MailKit_is_submitted_with_its_headers_a_Received_header_and_its_envelope()
    {
        await using var listener = await InProcessListener.StartAsync();
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("alice@example.com"));
        message.To.Add(MailboxAddress.Parse(Local));
        message.Subject = "Quarterly figures";
        message.Headers.Add("X-Test", "kept");
        message.Headers.Add("Received", "from a.example by relay1.example with ESMTP; Tue, 1 Dec 2026 10:00:00 +0000");
        message.Headers.Add("Received", "from b.example by relay2.example with ESMTP; Tue, 1 Dec 2026 10:00:01 +0000");
        message.Body = new TextPart("plain") { Text = "Figures attached.\r\nRegards" };

        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", listener.Port, MailKit.Security.SecureSocketOptions.None);
        var capabilities = client.Capabilities;
        var answer = await client.SendAsync(message, MailboxAddress.Parse("bounces@example.com"), [MailboxAddress.Parse(Local), MailboxAddress.Parse("mjones@london.contoso.com")]);
        await client.DisconnectAsync(quit: true);

        var submitted = Assert.Single(listener.Gateway.Submitted);
        Assert.Equal(ContentFormat.Rfc5322, submitted.Format);
        Assert.Equal("bounces@example.com", submitted.Originator.Value);
        Assert.Equal([Local, "mjones@london.contoso.com"], submitted.Recipients.Select(r => r.Value));
        Assert.Equal("Quarterly figures", submitted.Subject);
        Assert.StartsWith("Received: from ", submitted.Body);
        Assert.Contains($"by LON-MTA-01 (MtaActors) with ESMTP id {submitted.Id};", submitted.Body);
        Assert.Contains("\r\nX-Test: kept\r\n", submitted.Body);
        Assert.Contains("\r\nSubject: Quarterly figures\r\n", submitted.Body);
        Assert.EndsWith("Figures attached.\r\nRegards\r\n", submitted.Body);
        Assert.Equal(["relay1.example", "relay2.example"], submitted.Trace.Select(h => h.Server));
        Assert.Contains($"queued as {submitted.Id}", answer);
        Assert.True(capabilities.HasFlag(SmtpCapabilities.Pipelining));
        Assert.True(capabilities.HasFlag(SmtpCapabilities.EightBitMime));
        Assert.True(capabilities.HasFlag(SmtpCapabilities.Size));
        Assert.True(capabilities.HasFlag(SmtpCapabilities.EnhancedStatusCodes));
    }

    [Fact]
    public async Task Message_without_a_Message_ID_sent_twice_with_MailKit_gets_one_id_and_other_content_another()
    {
        await using var listener = await InProcessListener.StartAsync();
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("alice@example.com"));
        message.To.Add(MailboxAddress.Parse(Local));
        message.Subject = "no id";
        message.Body = new TextPart("plain") { Text = "sent again after a lost 250" };
        message.Headers.Remove(HeaderId.MessageId);
        var other = new MimeMessage();
        other.From.Add(MailboxAddress.Parse("alice@example.com"));
        other.To.Add(MailboxAddress.Parse(Local));
        other.Subject = "no id";
        other.Body = new TextPart("plain") { Text = "a different message" };
        other.Headers.Remove(HeaderId.MessageId);

        foreach (var sent in new[] { message, message, other })
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", listener.Port, MailKit.Security.SecureSocketOptions.None);
            await client.SendAsync(sent);
            await client.DisconnectAsync(quit: true);
        }

        var ids = listener.Gateway.Submitted.Select(m => m.Id).ToList();
        Assert.Equal(3, ids.Count);
        Assert.DoesNotContain("Message-ID", listener.Gateway.Submitted[0].Body, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public async Task Message_sent_with_Pythons_smtplib_is_submitted()
    {
        await using var listener = await InProcessListener.StartAsync();
        var script = $$"""
            import smtplib
            from email.message import EmailMessage
            m = EmailMessage()
            m["From"] = "alice@example.com"
            m["To"] = "{{Local}}"
            m["Subject"] = "from smtplib"
            m.set_content("hello from python")
            with smtplib.SMTP("127.0.0.1", {{listener.Port}}, timeout=20) as s:
                s.send_message(m)
            """;
        using var python = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("python3", ["-c", script]) { RedirectStandardError = true })!;
        var error = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(python.ExitCode == 0, await error);
        var submitted = Assert.Single(listener.Gateway.Submitted);
        Assert.Equal("from smtplib", submitted.Subject);
        Assert.Contains("hello from python", submitted.Body);
    }

    [Fact]
    public async Task Eight_bit_content_is_kept_octet_for_octet()
    {
        await using var listener = await InProcessListener.StartAsync();

        var swaks = await Swaks.RunAsync(listener.Port, "--from", "alice@example.com", "--to", Local,
            "--header", "Subject: caf\u00e9", "--body", "na\u00efve r\u00e9sum\u00e9");

        Assert.Equal(0, swaks.ExitCode);
        var body = Assert.Single(listener.Gateway.Submitted).Body;
        Assert.Contains(System.Text.Encoding.Latin1.GetString(System.Text.Encoding.UTF8.GetBytes("na\u00efve r\u00e9sum\u00e9")), body);
    }

    [Fact]
    public async Task Unknown_local_mailbox_is_refused_with_550_5_1_1()
    {
        await using var listener = await InProcessListener.StartAsync();

        var swaks = await Swaks.RunAsync(listener.Port, "--from", "alice@example.com", "--to", "nobody@london.contoso.com");

        Assert.Contains("550 5.1.1 Recipient address rejected: no such mailbox here", swaks.Replies);
        Assert.Empty(listener.Gateway.Submitted);
        Assert.Equal(1, listener.Counters.Refusals[550]);
    }

    [Fact]
    public async Task Remote_recipient_from_a_client_outside_relay_networks_is_refused_with_554_5_7_1_but_local_mail_is_taken()
    {
        await using var listener = await InProcessListener.StartAsync(new SmtpSettings { RelayNetworks = [IPNetwork.Parse("10.0.0.0/8")] });

        var relayed = await Swaks.RunAsync(listener.Port, "--from", "alice@example.com", "--to", "someone@elsewhere.example");
        var local = await Swaks.RunAsync(listener.Port, "--from", "alice@example.com", "--to", Local);

        Assert.Contains("554 5.7.1 Relay access denied", relayed.Replies);
        Assert.Equal(0, local.ExitCode);
        Assert.Equal([Local], Assert.Single(listener.Gateway.Submitted).Recipients.Select(r => r.Value));
    }

    [Fact]
    public async Task Remote_recipient_from_loopback_is_relayed_by_default()
    {
        await using var listener = await InProcessListener.StartAsync();

        var swaks = await Swaks.RunAsync(listener.Port, "--from", "alice@example.com", "--to", "someone@elsewhere.example");

        Assert.Equal(0, swaks.ExitCode);
        Assert.Equal(["someone@elsewhere.example"], Assert.Single(listener.Gateway.Submitted).Recipients.Select(r => r.Value));
    }

    [Fact]
    public async Task Recipients_beyond_the_limit_are_answered_452_4_5_3_and_the_rest_is_delivered()
    {
        await using var listener = await InProcessListener.StartAsync(new SmtpSettings { MaxRecipients = 2 });

        var swaks = await Swaks.RunAsync(listener.Port, "--from", "alice@example.com", "--to", $"{Local},mjones@london.contoso.com,apatel@london.contoso.com");

        Assert.Contains("452 4.5.3 Too many recipients", swaks.Replies);
        Assert.Equal([Local, "mjones@london.contoso.com"], Assert.Single(listener.Gateway.Submitted).Recipients.Select(r => r.Value));
    }

    [Fact]
    public async Task Declared_size_over_the_limit_is_refused_at_MAIL_with_552_5_3_4()
    {
        await using var listener = await InProcessListener.StartAsync(new SmtpSettings { MaxMessageBytes = 4096 });
        using var client = await RawSmtpClient.ConnectAsync(listener.Port);
        await client.ReplyAsync();
        await client.AskAsync("EHLO client.example");

        var reply = await client.AskAsync("MAIL FROM:<alice@example.com> SIZE=5000");

        Assert.StartsWith("552 5.3.4 ", reply);
    }

    [Fact]
    public async Task Message_data_over_the_limit_is_refused_with_552_5_3_4_and_the_session_goes_on()
    {
        await using var listener = await InProcessListener.StartAsync(new SmtpSettings { MaxMessageBytes = 4096 });

        var swaks = await Swaks.RunAsync(listener.Port, "--from", "alice@example.com", "--to", Local, "--body", new string('x', 70) + string.Concat(Enumerable.Repeat("\n" + new string('y', 70), 100)));
        var small = await Swaks.RunAsync(listener.Port, "--from", "alice@example.com", "--to", Local, "--body", "short");

        Assert.Contains("552 5.3.4 Message too big for system", swaks.Replies);
        Assert.Equal(0, small.ExitCode);
        Assert.Single(listener.Gateway.Submitted);
    }

    [Fact]
    public async Task Engine_still_starting_is_answered_421_4_3_2()
    {
        await using var listener = await InProcessListener.StartAsync(started: false);

        var swaks = await Swaks.RunAsync(listener.Port, "--from", "alice@example.com", "--to", Local);

        Assert.Contains(swaks.Replies, r => r.StartsWith("421 4.3.2 LON-MTA-01 is starting", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Disabled_MTA_is_answered_421_4_3_2()
    {
        await using var listener = await InProcessListener.StartAsync();
        await listener.Gateway.DisableAsync("maintenance", CancellationToken.None);

        var swaks = await Swaks.RunAsync(listener.Port, "--from", "alice@example.com", "--to", Local);

        Assert.Contains(swaks.Replies, r => r.StartsWith("421 4.3.2 LON-MTA-01 is not accepting mail now", StringComparison.Ordinal));
        Assert.Empty(listener.Gateway.Submitted);
    }

    [Fact]
    public async Task Work_queue_above_the_back_pressure_threshold_is_answered_451_4_3_1()
    {
        await using var listener = await InProcessListener.StartAsync(new SmtpSettings { BackPressureThreshold = 100 });
        listener.Gateway.Statistics = new MtaStatistics(0, 0, 0, 0, 0, WorkQueueLength: 101);

        var swaks = await Swaks.RunAsync(listener.Port, "--from", "alice@example.com", "--to", Local);

        Assert.Contains("451 4.3.1 Insufficient system resources: 101 messages waiting, try again later", swaks.Replies);
    }

    [Fact]
    public async Task Journal_not_keeping_up_is_answered_451_and_never_250()
    {
        await using var listener = await InProcessListener.StartAsync();
        listener.Gateway.UnavailableReason = "the work queue did not accept within 30 s";

        var swaks = await Swaks.RunAsync(listener.Port, "--from", "alice@example.com", "--to", Local);

        Assert.Contains("451 4.3.0 The message could not be queued now, try again later", swaks.Replies);
        Assert.DoesNotContain(swaks.Replies, r => r.StartsWith("250 2.0.0 Ok: queued", StringComparison.Ordinal));
    }

    [Fact]
    public async Task VRFY_is_answered_252_without_saying_whether_the_mailbox_exists()
    {
        await using var listener = await InProcessListener.StartAsync();
        using var client = await RawSmtpClient.ConnectAsync(listener.Port);
        await client.ReplyAsync();
        await client.AskAsync("EHLO client.example");

        var known = await client.AskAsync("VRFY jsmith");
        var unknown = await client.AskAsync("VRFY nobody");
        var after = await client.AskAsync("NOOP");

        Assert.Equal(known, unknown);
        Assert.StartsWith("252 2.1.5 ", known);
        Assert.Equal("250 2.0.0 Ok", after);
    }

    [Fact]
    public async Task Unknown_commands_and_lines_over_1000_octets_are_answered_500_5_5_2_and_the_session_goes_on()
    {
        await using var listener = await InProcessListener.StartAsync();
        using var client = await RawSmtpClient.ConnectAsync(listener.Port);
        await client.ReplyAsync();

        var unknown = await client.AskAsync("XYZZY");
        var tooLong = await client.AskAsync("EHLO " + new string('a', 1200));
        var ehlo = await client.AskAsync("EHLO client.example");

        Assert.Equal("500 5.5.2 Syntax error, command unrecognized", unknown);
        Assert.Equal("500 5.5.2 Line too long (the limit is 1000 octets)", tooLong);
        Assert.Equal("250 ENHANCEDSTATUSCODES", ehlo);
    }

    [Fact]
    public async Task Pipelined_commands_are_answered_in_order()
    {
        await using var listener = await InProcessListener.StartAsync();
        using var client = await RawSmtpClient.ConnectAsync(listener.Port);
        await client.ReplyAsync();
        await client.AskAsync("EHLO client.example");

        await client.SendAsync($"MAIL FROM:<alice@example.com>\r\nRCPT TO:<nobody@london.contoso.com>\r\nVRFY x\r\nRCPT TO:<{Local}>\r\nDATA");
        string?[] replies = [await client.ReplyAsync(), await client.ReplyAsync(), await client.ReplyAsync(), await client.ReplyAsync(), await client.ReplyAsync()];
        var queued = await client.AskAsync("Subject: pipelined\r\n\r\nhello\r\n.");

        Assert.Equal(["250", "550", "252", "250", "354"], replies.Select(r => r?[..3]));
        Assert.StartsWith("250 2.0.0 Ok: queued as ", queued);
    }

    [Fact]
    public async Task Silent_client_is_cut_off_with_421_4_4_2()
    {
        await using var listener = await InProcessListener.StartAsync(new SmtpSettings { CommandTimeout = TimeSpan.FromSeconds(1) });
        using var client = await RawSmtpClient.ConnectAsync(listener.Port);
        await client.ReplyAsync();

        var cut = await client.ReplyAsync(TimeSpan.FromSeconds(30));
        var after = await client.ReplyAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("421 4.4.2 ", cut);
        Assert.Null(after);
    }

    [Fact]
    public async Task Client_silent_in_the_middle_of_the_data_is_cut_off_and_nothing_is_submitted()
    {
        await using var listener = await InProcessListener.StartAsync(new SmtpSettings { DataTimeout = TimeSpan.FromSeconds(1) });
        using var client = await RawSmtpClient.ConnectAsync(listener.Port);
        await client.ReplyAsync();
        await client.AskAsync("HELO client.example");
        await client.AskAsync("MAIL FROM:<alice@example.com>");
        await client.AskAsync($"RCPT TO:<{Local}>");
        await client.AskAsync("DATA");

        await client.SendAsync("Subject: never finished");
        var cut = await client.ReplyAsync(TimeSpan.FromSeconds(30));

        Assert.StartsWith("421 4.4.2 ", cut);
        Assert.Empty(listener.Gateway.Submitted);
    }

    [Fact]
    public async Task Open_sessions_hear_421_when_the_listener_stops()
    {
        var listener = await InProcessListener.StartAsync();
        using var client = await RawSmtpClient.ConnectAsync(listener.Port);
        await client.ReplyAsync();
        await client.AskAsync("EHLO client.example");

        await listener.DisposeAsync();
        var closing = await client.ReplyAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("421 4.3.2 LON-MTA-01 Service shutting down, closing connection", closing);
    }

    [Fact]
    public async Task Sessions_beyond_the_per_client_limit_are_refused_with_421()
    {
        await using var listener = await InProcessListener.StartAsync(new SmtpSettings { MaxSessionsPerClient = 1 });
        using var first = await RawSmtpClient.ConnectAsync(listener.Port);
        var greeting = await first.ReplyAsync();

        using var second = await RawSmtpClient.ConnectAsync(listener.Port);
        var refused = await second.ReplyAsync();

        Assert.StartsWith("220 LON-MTA-01 ", greeting);
        Assert.StartsWith("421 4.7.0 ", refused);
        Assert.Equal(1, listener.Counters.ConnectionsRefused);
    }
}
