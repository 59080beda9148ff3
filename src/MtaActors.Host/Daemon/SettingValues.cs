using MtaActors.Engine.Hosting;
using Serilog.Events;

namespace MtaActors.Host.Daemon;

/// <summary>
/// Parses the values a setting can take, for the settings file and the command line alike, so both
/// accept the same spellings and explain a bad value the same way.
/// </summary>
public static class SettingValues
{
    public static bool TryParseJournal(string? text, out JournalKind journal, out string? error)
    {
        (journal, error) = text?.Trim().ToLowerInvariant() switch
        {
            "sqlite" => (JournalKind.Sqlite, null),
            "postgres" or "postgresql" => (JournalKind.Postgres, (string?)null),
            "memory" => (JournalKind.Memory, null),
            _ => (JournalKind.Sqlite, $"expected sqlite, postgres or memory (got '{text}')"),
        };
        return error is null;
    }

    /// <summary>An absolute http URL; the admin API does not serve https itself (put a proxy in front for that).</summary>
    public static bool TryParseHttpUrl(string? text, out Uri? url, out string? error)
    {
        if (Uri.TryCreate(text?.Trim(), UriKind.Absolute, out url)
            && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(url.Host))
        {
            error = null;
            return true;
        }

        url = null;
        error = $"expected a URL such as http://127.0.0.1:8080 (got '{text}')";
        return false;
    }

    public static bool TryParseLogLevel(string? text, out LogEventLevel level, out string? error)
    {
        (level, error) = text?.Trim().ToLowerInvariant() switch
        {
            "verbose" or "trace" => (LogEventLevel.Verbose, null),
            "debug" => (LogEventLevel.Debug, null),
            "information" or "info" => (LogEventLevel.Information, null),
            "warning" or "warn" => (LogEventLevel.Warning, null),
            "error" => (LogEventLevel.Error, null),
            "fatal" or "critical" => (LogEventLevel.Fatal, (string?)null),
            _ => (LogEventLevel.Information, $"expected verbose, debug, information, warning, error or fatal (got '{text}')"),
        };
        return error is null;
    }

    public static bool TryParseLogFormat(string? text, out LogFormat format, out string? error)
    {
        (format, error) = text?.Trim().ToLowerInvariant() switch
        {
            "text" => (LogFormat.Text, null),
            "json" => (LogFormat.Json, (string?)null),
            _ => (LogFormat.Text, $"expected text or json (got '{text}')"),
        };
        return error is null;
    }

    public static bool TryParseNonEmpty(string? text, out string value, out string? error)
    {
        value = text?.Trim() ?? "";
        error = value.Length == 0 ? "must not be empty" : null;
        return error is null;
    }
}
