using System.Net;
using MtaActors.Host.Daemon;
using MtaActors.Host.Smtp;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Smtp;

public sealed class SmtpSettingsSpec : IDisposable
{
    private readonly TempDirectory folder = new("mta-smtp-settings");

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Listener_is_on_127_0_0_1_port_2525_relaying_for_loopback_only_by_default()
    {
        var settings = DaemonSettingsLoader.Parse("{}", "mta.json").Smtp;

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 2525), settings.Listen);
        Assert.True(InboundAdmission.MayRelay(IPAddress.Parse("127.0.0.1"), settings.RelayNetworks));
        Assert.True(InboundAdmission.MayRelay(IPAddress.IPv6Loopback, settings.RelayNetworks));
        Assert.True(InboundAdmission.MayRelay(IPAddress.Parse("::ffff:127.0.0.1"), settings.RelayNetworks));
        Assert.False(InboundAdmission.MayRelay(IPAddress.Parse("10.1.2.3"), settings.RelayNetworks));
    }

    [Fact]
    public void Smtp_section_sets_the_listener_and_its_limits()
    {
        var settings = DaemonSettingsLoader.Parse("""
            {
              "smtp": {
                "listen": "[::1]:2526",
                "relayNetworks": ["10.0.0.0/8"],
                "maxMessageBytes": 2048,
                "maxRecipients": 5,
                "maxSessions": 7,
                "maxSessionsPerClient": 2,
                "backPressureThreshold": 9,
                "commandTimeoutSeconds": 60,
                "dataTimeoutSeconds": 30,
                "sessionTimeoutSeconds": 600
              }
            }
            """, "mta.json").Smtp;

        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 2526), settings.Listen);
        Assert.Equal(["10.0.0.0/8"], settings.RelayNetworks.Select(n => n.ToString()));
        Assert.Equal((2048, 5, 7, 2, 9), (settings.MaxMessageBytes, settings.MaxRecipients, settings.MaxSessions, settings.MaxSessionsPerClient, settings.BackPressureThreshold));
        Assert.Equal((TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10)), (settings.CommandTimeout, settings.DataTimeout, settings.SessionTimeout));
    }

    [Fact]
    public void Listen_off_turns_the_listener_off()
    {
        var settings = DaemonSettingsLoader.Parse("""{ "smtp": { "listen": "off" } }""", "mta.json").Smtp;

        Assert.False(settings.Enabled);
    }

    [Theory]
    [InlineData("""{ "smtp": "on" }""", "mta.json: smtp: expected an object")]
    [InlineData("""{ "smtp": { "listen": "2525" } }""", "mta.json: smtp.listen: expected HOST:PORT (such as 127.0.0.1:2525) or off (got '2525')")]
    [InlineData("""{ "smtp": { "listen": "127.0.0.1" } }""", "mta.json: smtp.listen: expected HOST:PORT")]
    [InlineData("""{ "smtp": { "listen": "127.0.0.1:99999" } }""", "mta.json: smtp.listen: expected HOST:PORT")]
    [InlineData("""{ "smtp": { "relayNetworks": ["everyone"] } }""", "mta.json: smtp.relayNetworks[0]: expected a network in CIDR form")]
    [InlineData("""{ "smtp": { "maxRecipients": 0 } }""", "mta.json: smtp.maxRecipients: expected a whole number from 1")]
    [InlineData("""{ "smtp": { "dataTimeoutSeconds": -1 } }""", "mta.json: smtp.dataTimeoutSeconds: expected seconds")]
    [InlineData("""{ "smtp": { "maxRecipient": 5 } }""", "mta.json: smtp.maxRecipient: unknown setting (known: listen,")]
    public void Bad_smtp_settings_are_refused_naming_the_field(string json, string expected)
    {
        var error = Assert.Throws<SettingsException>(() => DaemonSettingsLoader.Parse(json, "mta.json"));

        Assert.StartsWith(expected, error.Message);
    }

    [Theory]
    [InlineData("127.0.0.1:2525", "127.0.0.1:2525")]
    [InlineData("localhost:25", "127.0.0.1:25")]
    [InlineData("[::1]:2525", "[::1]:2525")]
    [InlineData("0.0.0.0:0", "0.0.0.0:0")]
    [InlineData("OFF", null)]
    public void Listen_values_are_an_address_and_port_or_off(string text, string? expected)
    {
        Assert.True(SmtpSettingsReader.TryParseListen(text, out var endpoint, out var error), error);
        Assert.Equal(expected, endpoint?.ToString());
    }

    [Theory]
    [InlineData("mail.example.com:25")]
    [InlineData(":2525")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:-1")]
    [InlineData("")]
    public void Listen_values_without_an_address_and_port_are_refused(string text)
    {
        Assert.False(SmtpSettingsReader.TryParseListen(text, out _, out var error));
        Assert.StartsWith("expected HOST:PORT", error);
    }

    [Fact]
    public async Task Bad_smtp_option_exits_2_with_one_line()
    {
        var run = await CliRun.InvokeAsync("run", "--smtp", "everywhere", "--journal", "memory", "--data", folder.File("data"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["mta: --smtp: expected HOST:PORT (such as 127.0.0.1:2525) or off (got 'everywhere')"], run.ErrorLines);
    }

    [Fact]
    public async Task Smtp_port_in_use_stops_the_daemon_with_one_line_naming_it()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var run = await CliRun.InvokeAsync(
            ["run", "--config", RepositoryPaths.File("config/topology.json"), "--data", folder.File("data"), "--journal", "memory",
             "--http", $"http://127.0.0.1:{FreePort.Next()}", "--log-level", "error", "--smtp", $"127.0.0.1:{port}"],
            bound.Token);

        Assert.Equal(2, run.ExitCode); // a setting that cannot work, like an admin port in use
        Assert.StartsWith($"mta: cannot listen for SMTP on 127.0.0.1:{port}:", Assert.Single(run.ErrorLines));
    }
}
