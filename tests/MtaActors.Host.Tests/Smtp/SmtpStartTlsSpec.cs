using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MtaActors.Host.Daemon;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Smtp;

/// <summary>STARTTLS with a configured certificate (a self-signed one the spec makes), with MailKit and swaks.</summary>
public sealed class SmtpStartTlsSpec : IDisposable
{
    private readonly TempDirectory folder = new("mta-smtp-tls");

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task MailKit_upgrades_with_STARTTLS_and_its_message_is_submitted_as_received_over_TLS()
    {
        await using var listener = await InProcessListener.StartAsync(LoadSettings());
        var message = new MimeMessage { Subject = "secret" };
        message.From.Add(MailboxAddress.Parse("alice@example.com"));
        message.To.Add(MailboxAddress.Parse("jsmith@london.contoso.com"));
        message.Body = new TextPart("plain") { Text = "over TLS" };

        using var client = new SmtpClient { ServerCertificateValidationCallback = (_, _, _, _) => true };
        await client.ConnectAsync("127.0.0.1", listener.Port, SecureSocketOptions.StartTls);
        var secure = client.IsSecure;
        await client.SendAsync(message);
        await client.DisconnectAsync(quit: true);

        Assert.True(secure);
        Assert.Contains("(MtaActors) with ESMTPS id ", Assert.Single(listener.Gateway.Submitted).Body);
    }

    [Fact]
    public async Task Swaks_sends_over_STARTTLS()
    {
        await using var listener = await InProcessListener.StartAsync(LoadSettings());

        var swaks = await Swaks.RunAsync(listener.Port, "--tls", "--from", "alice@example.com", "--to", "jsmith@london.contoso.com");

        Assert.Equal(0, swaks.ExitCode);
        Assert.Contains(swaks.Replies, r => r.StartsWith("250 2.0.0 Ok: queued as ", StringComparison.Ordinal));
        Assert.Single(listener.Gateway.Submitted);
    }

    [Fact]
    public async Task Without_a_certificate_STARTTLS_is_not_offered()
    {
        await using var listener = await InProcessListener.StartAsync();
        using var client = new SmtpClient();

        await client.ConnectAsync("127.0.0.1", listener.Port, SecureSocketOptions.None);

        Assert.False(client.Capabilities.HasFlag(SmtpCapabilities.StartTLS));
    }

    [Fact]
    public void Certificate_file_without_its_key_is_refused_naming_the_field()
    {
        var (certificate, _) = WriteCertificate();

        var error = Assert.Throws<SettingsException>(() => DaemonSettingsLoader.Parse($$"""{ "smtp": { "tlsCertificateFile": "{{certificate}}" } }""", "mta.json"));

        Assert.Equal("mta.json: smtp.tlsKeyFile: required with smtp.tlsCertificateFile (PEM files)", error.Message);
    }

    [Fact]
    public void Missing_certificate_file_is_refused_naming_the_field()
    {
        var (_, key) = WriteCertificate();
        var absent = folder.File("absent.pem");

        var error = Assert.Throws<SettingsException>(() => DaemonSettingsLoader.Parse($$"""{ "smtp": { "tlsCertificateFile": "{{absent}}", "tlsKeyFile": "{{key}}" } }""", "mta.json"));

        Assert.Equal($"mta.json: smtp.tlsCertificateFile: {absent}: file not found", error.Message);
    }

    private MtaActors.Host.Smtp.SmtpSettings LoadSettings()
    {
        var (certificate, key) = WriteCertificate();
        return DaemonSettingsLoader.Parse($$"""{ "smtp": { "tlsCertificateFile": "{{certificate}}", "tlsKeyFile": "{{key}}" } }""", "mta.json").Smtp;
    }

    private (string Certificate, string Key) WriteCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=mta.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var certificatePath = folder.File("cert.pem");
        var keyPath = folder.File("key.pem");
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }
}
