using System.Collections.Immutable;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MtaActors.Host.Daemon;

namespace MtaActors.Host.Smtp;

/// <summary>
/// Reads the <c>smtp</c> section of the settings file and the <c>--smtp</c> value. Unknown keys are errors, like
/// everywhere in the settings: a misspelt limit silently ignored is a limit the operator believes is in force.
/// </summary>
public static class SmtpSettingsReader
{
    private static readonly string[] KnownKeys =
    [
        "listen", "relayNetworks", "maxMessageBytes", "maxRecipients", "maxSessions", "maxSessionsPerClient",
        "backPressureThreshold", "commandTimeoutSeconds", "dataTimeoutSeconds", "sessionTimeoutSeconds",
        "tlsCertificateFile", "tlsKeyFile",
    ];

    /// <summary>The one-word value that turns the listener off.</summary>
    public const string Off = "off";

    /// <summary>
    /// <c>HOST:PORT</c> (an IP address, <c>[IPv6]</c> or <c>localhost</c>; port 0 picks a free one) or <c>off</c>;
    /// <paramref name="endpoint"/> is null for off.
    /// </summary>
    public static bool TryParseListen(string? text, out IPEndPoint? endpoint, out string? error)
    {
        endpoint = null;
        error = null;
        var value = text?.Trim() ?? "";
        if (string.Equals(value, Off, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var colon = value.LastIndexOf(':');
        if (colon > 0 && string.Equals(value[..colon], "localhost", StringComparison.OrdinalIgnoreCase))
        {
            value = "127.0.0.1" + value[colon..];
        }

        if (colon > 0 && !value.StartsWith(':') && IPEndPoint.TryParse(value, out var parsed) && HasPort(value) && parsed.Port is >= 0 and <= 65535)
        {
            endpoint = parsed;
            return true;
        }

        error = $"expected HOST:PORT (such as 127.0.0.1:2525) or off (got '{text}')";
        return false;
    }

    /// <summary>Reads the section over the defaults; throws <see cref="SettingsException"/> naming <c>smtp.key</c>.</summary>
    public static SmtpSettings Read(JsonElement section, string source)
    {
        if (section.ValueKind != JsonValueKind.Object)
        {
            throw new SettingsException($"{source}: smtp: expected an object such as {{ \"listen\": \"127.0.0.1:2525\" }}");
        }

        var settings = new SmtpSettings();
        string? certificateFile = null, keyFile = null;
        foreach (var property in section.EnumerateObject())
        {
            var name = property.Name;
            var field = $"smtp.{name}";
            // The certificate and its key are loaded together once the section is read.
            if (name == "tlsCertificateFile")
            {
                certificateFile = ReadString(property, source);
                continue;
            }

            if (name == "tlsKeyFile")
            {
                keyFile = ReadString(property, source);
                continue;
            }

            settings = name switch
            {
                "listen" => TryParseListen(ReadString(property, source), out var endpoint, out var error)
                    ? settings with { Listen = endpoint }
                    : throw new SettingsException($"{source}: {field}: {error}"),
                "relayNetworks" => settings with { RelayNetworks = ReadNetworks(property, source) },
                "maxMessageBytes" => settings with { MaxMessageBytes = ReadCount(property, source, 1024) },
                "maxRecipients" => settings with { MaxRecipients = ReadCount(property, source, 1) },
                "maxSessions" => settings with { MaxSessions = ReadCount(property, source, 1) },
                "maxSessionsPerClient" => settings with { MaxSessionsPerClient = ReadCount(property, source, 1) },
                "backPressureThreshold" => settings with { BackPressureThreshold = ReadCount(property, source, 1) },
                "commandTimeoutSeconds" => settings with { CommandTimeout = ReadSeconds(property, source) },
                "dataTimeoutSeconds" => settings with { DataTimeout = ReadSeconds(property, source) },
                "sessionTimeoutSeconds" => settings with { SessionTimeout = ReadSeconds(property, source) },
                _ => throw new SettingsException($"{source}: {field}: unknown setting (known: {string.Join(", ", KnownKeys)})"),
            };
        }

        return certificateFile is null && keyFile is null ? settings : settings with { Certificate = LoadCertificate(certificateFile, keyFile, source) };
    }

    /// <summary>A PEM certificate and its PEM private key, as Postfix's <c>smtpd_tls_cert_file</c>/<c>smtpd_tls_key_file</c>.</summary>
    private static X509Certificate2 LoadCertificate(string? certificateFile, string? keyFile, string source)
    {
        if (certificateFile is null || keyFile is null)
        {
            throw new SettingsException($"{source}: smtp.{(certificateFile is null ? "tlsCertificateFile" : "tlsKeyFile")}: required with smtp.{(certificateFile is null ? "tlsKeyFile" : "tlsCertificateFile")} (PEM files)");
        }

        foreach (var (field, path) in new[] { ("tlsCertificateFile", certificateFile), ("tlsKeyFile", keyFile) })
        {
            if (!File.Exists(path))
            {
                throw new SettingsException($"{source}: smtp.{field}: {path}: file not found");
            }
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"{source}: smtp.tlsCertificateFile: cannot use {certificateFile} with {keyFile}: {e.Message.ReplaceLineEndings(" ")}", e);
        }
    }

    private static bool HasPort(string value)
    {
        // IPEndPoint.TryParse accepts a bare address as port 0; a listener needs the port said.
        var end = value.LastIndexOf(']');
        var colon = value.LastIndexOf(':');
        return colon > end && colon < value.Length - 1 && value[(colon + 1)..].All(char.IsAsciiDigit);
    }

    private static string ReadString(JsonProperty property, string source)
        => property.Value.ValueKind == JsonValueKind.String
            ? property.Value.GetString()!
            : throw new SettingsException($"{source}: smtp.{property.Name}: expected a string");

    private static int ReadCount(JsonProperty property, string source, int minimum)
        => property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt32(out var value) && value >= minimum
            ? value
            : throw new SettingsException($"{source}: smtp.{property.Name}: expected a whole number from {minimum} to {int.MaxValue} (got {property.Value.GetRawText()})");

    private static TimeSpan ReadSeconds(JsonProperty property, string source)
        => property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetDouble(out var value) && value is > 0 and <= 86_400
            ? TimeSpan.FromSeconds(value)
            : throw new SettingsException($"{source}: smtp.{property.Name}: expected seconds, more than 0 and at most 86400 (got {property.Value.GetRawText()})");

    private static ImmutableArray<IPNetwork> ReadNetworks(JsonProperty property, string source)
    {
        if (property.Value.ValueKind != JsonValueKind.Array)
        {
            throw new SettingsException($"{source}: smtp.relayNetworks: expected an array of networks such as [\"127.0.0.0/8\", \"::1/128\"]");
        }

        var networks = ImmutableArray.CreateBuilder<IPNetwork>();
        var index = 0;
        foreach (var item in property.Value.EnumerateArray())
        {
            var text = item.ValueKind == JsonValueKind.String ? item.GetString() : item.GetRawText();
            if (item.ValueKind != JsonValueKind.String || !IPNetwork.TryParse(text, out var network))
            {
                throw new SettingsException(string.Create(CultureInfo.InvariantCulture, $"{source}: smtp.relayNetworks[{index}]: expected a network in CIDR form such as 10.0.0.0/8 (got {text})"));
            }

            networks.Add(network);
            index++;
        }

        return networks.ToImmutable();
    }
}
