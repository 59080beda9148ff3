using System.Collections.Immutable;
using System.Text.Json;
using MtaActors.Host.Smtp;

namespace MtaActors.Host.Daemon;

/// <summary>
/// Reads <c>config/mta.json</c>. A missing default file means built-in defaults; a missing file named with
/// <c>--settings</c> is an error. Unknown keys are errors too, because a misspelt key silently ignored is a
/// setting the operator believes is in force.
/// </summary>
public static class DaemonSettingsLoader
{
    private static readonly string[] KnownSettings =
        ["topology", "dataDirectory", "http", "journal", "connectionString", "logLevel", "logFormat", "adminToken", "allowedHosts", "smtp", "relayHost"];

    private static readonly JsonDocumentOptions ReadOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Loads <paramref name="explicitPath"/>, or the default file when null; throws <see cref="SettingsException"/>.</summary>
    public static DaemonSettings Load(string? explicitPath)
    {
        var path = explicitPath ?? DaemonSettings.DefaultPath;
        if (Directory.Exists(path))
        {
            throw new SettingsException($"{path}: is a folder, not a settings file");
        }

        if (!File.Exists(path))
        {
            return explicitPath is null
                ? new DaemonSettings()
                : throw new SettingsException($"{path}: settings file not found");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsException($"{path}: {e.Message}", e);
        }

        return Parse(text, path);
    }

    /// <summary>Parses settings JSON; <paramref name="source"/> names it in errors.</summary>
    public static DaemonSettings Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, ReadOptions);
        }
        catch (JsonException e)
        {
            throw new SettingsException($"{source}: malformed JSON: {e.Message.ReplaceLineEndings(" ")}", e);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new SettingsException($"{source}: expected a JSON object of settings");
            }

            var settings = new DaemonSettings();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                settings = Apply(settings, property, source);
            }

            return settings;
        }
    }

    private static DaemonSettings Apply(DaemonSettings settings, JsonProperty property, string source)
    {
        var name = property.Name;
        if (!KnownSettings.Contains(name))
        {
            throw new SettingsException($"{source}: {name}: unknown setting (known: {string.Join(", ", KnownSettings)})");
        }

        if (name == "smtp")
        {
            return settings with { Smtp = SmtpSettingsReader.Read(property.Value, source) };
        }

        if (name == "connectionString")
        {
            return property.Value.ValueKind == JsonValueKind.Null
                ? settings with { ConnectionString = null }
                : settings with { ConnectionString = ReadString(property, source) };
        }

        if (name == "relayHost")
        {
            return property.Value.ValueKind == JsonValueKind.Null
                ? settings with { RelayHost = null }
                : RelayHost.TryParse(ReadString(property, source), out var relay, out var relayError)
                    ? settings with { RelayHost = relay }
                    : throw new SettingsException($"{source}: relayHost: {relayError}");
        }

        if (name == "allowedHosts")
        {
            return settings with { AllowedHosts = ReadHosts(property, source) };
        }

        var text = ReadString(property, source);
        string? error;
        DaemonSettings? updated = name switch
        {
            "topology" => SettingValues.TryParseNonEmpty(text, out var topology, out error) ? settings with { Topology = topology } : null,
            "dataDirectory" => SettingValues.TryParseNonEmpty(text, out var data, out error) ? settings with { DataDirectory = data } : null,
            "http" => SettingValues.TryParseListenUrl(text, out var url, out error) ? settings with { Http = url! } : null,
            "adminToken" => SettingValues.TryParseAdminToken(text, out var token, out error) ? settings with { AdminToken = token } : null,
            "journal" => SettingValues.TryParseJournal(text, out var journal, out error) ? settings with { Journal = journal } : null,
            "logLevel" => SettingValues.TryParseLogLevel(text, out var level, out error) ? settings with { LogLevel = level } : null,
            "logFormat" => SettingValues.TryParseLogFormat(text, out var format, out error) ? settings with { LogFormat = format } : null,
            _ => throw new InvalidOperationException($"setting '{name}' is known but not read"),
        };
        return updated ?? throw new SettingsException($"{source}: {name}: {error}");
    }

    private static ImmutableArray<string> ReadHosts(JsonProperty property, string source)
    {
        if (property.Value.ValueKind != JsonValueKind.Array)
        {
            throw new SettingsException($"{source}: allowedHosts: expected an array of host names");
        }

        var hosts = ImmutableArray.CreateBuilder<string>();
        var index = 0;
        foreach (var item in property.Value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new SettingsException($"{source}: allowedHosts[{index}]: expected a string");
            }

            if (!SettingValues.TryParseAllowedHost(item.GetString(), out var host, out var error))
            {
                throw new SettingsException($"{source}: allowedHosts[{index}]: {error}");
            }

            hosts.Add(host);
            index++;
        }

        return hosts.ToImmutable();
    }

    private static string ReadString(JsonProperty property, string source)
        => property.Value.ValueKind == JsonValueKind.String
            ? property.Value.GetString()!
            : throw new SettingsException($"{source}: {property.Name}: expected a string");
}
