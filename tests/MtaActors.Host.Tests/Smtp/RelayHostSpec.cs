using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Smtp;

/// <summary>
/// <c>mta run --relay-host</c> through the real executable: mail a client sends to the listener for the Internet leaves
/// over SMTP to a smarthost (a capturing SMTP server started by the spec), headers and body intact.
/// </summary>
public sealed class RelayHostSpec : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Mail_for_the_internet_goes_from_the_listener_to_the_relay_host_intact()
    {
        await using var smarthost = await CapturingSmtpServer.StartAsync();
        var smtpPort = FreePort.Next();
        await using var daemon = await DaemonProcess.StartAsync(_data.Path, ["--smtp", $"127.0.0.1:{smtpPort}", "--relay-host", smarthost.Endpoint]);
        var message = new MimeMessage { MessageId = "relayed-1@client.test", Subject = "via the smarthost" };
        message.From.Add(MailboxAddress.Parse("jsmith@london.contoso.com"));
        message.To.Add(MailboxAddress.Parse("someone@example.org"));
        message.Headers.Add("X-Client-Header", "kept as sent");
        message.Body = new TextPart("plain") { Text = "Relayed over real SMTP." };

        using (var client = new SmtpClient { Timeout = 30_000 })
        {
            await client.ConnectAsync("127.0.0.1", smtpPort, SecureSocketOptions.None);
            await client.SendAsync(message);
            await client.DisconnectAsync(quit: true);
        }

        var mail = Assert.Single(await smarthost.WaitForAsync(1, Patience));
        Assert.Equal("jsmith@london.contoso.com", mail.From);
        Assert.Equal("someone@example.org", Assert.Single(mail.To));
        var arrived = mail.Parse();
        Assert.Equal("relayed-1@client.test", arrived.MessageId);
        Assert.Equal("via the smarthost", arrived.Subject);
        Assert.Equal("kept as sent", arrived.Headers["X-Client-Header"]);
        Assert.Equal("Relayed over real SMTP.", arrived.TextBody?.Trim());
        Assert.Contains("by LON-MTA-01 (MtaActors)", arrived.Headers["Received"], StringComparison.Ordinal); // this MTA's hop, on top
    }

    [Theory]
    [InlineData("smarthost")]
    [InlineData("smarthost:99999")]
    public async Task Bad_relay_host_option_exits_2_with_one_line(string value)
    {
        var run = await MtaRun.RunAsync(Patience, "run", "--relay-host", value, "--journal", "memory", "--data", Path.Combine(_data.Path, "d"), "--smtp", "off");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"mta: --relay-host: expected HOST:PORT (such as smtp.example.com:25 or [::1]:2525) (got '{value}')"], run.ErrorLines);
    }

    [Fact]
    public async Task Bad_relay_host_setting_exits_2_with_one_line_naming_the_field()
    {
        var settings = Path.Combine(_data.Path, "mta.json");
        await File.WriteAllTextAsync(settings, """{ "relayHost": "no port here" }""", Encoding.UTF8);

        var run = await MtaRun.RunAsync(Patience, "run", "--settings", settings, "--journal", "memory", "--data", Path.Combine(_data.Path, "d"), "--smtp", "off");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal([$"mta: {settings}: relayHost: expected HOST:PORT (such as smtp.example.com:25 or [::1]:2525) (got 'no port here')"], run.ErrorLines);
    }
}
