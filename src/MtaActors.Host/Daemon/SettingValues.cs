using MtaActors.Engine.Hosting;
using Serilog.Events;

namespace MtaActors.Host.Daemon;

/// <summary>
/// Parses the values a setting can take, for the settings file and the command line alike, so both
/// accept the same spellings and explain a bad value the same way.
/// </summary>
public static class SettingValues
{
    /// <summary>The shortest admin token accepted: shorter ones are guessable.</summary>
    public const int MinimumTokenLength = 16;

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

    /// <summary>
    /// Where the admin API listens: an http URL of a host and a port only. A path or a query would be silently dropped or
    /// refused by the server at start, so they are an error here.
    /// </summary>
    public static bool TryParseListenUrl(string? text, out Uri? url, out string? error)
    {
        if (!TryParseHttpUrl(text, out url, out error))
        {
            return false;
        }

        if (url!.Scheme == Uri.UriSchemeHttps)
        {
            url = null;
            error = $"{text}: the admin API serves plain http; put a TLS-terminating proxy in front for https";
            return false;
        }

        if (url.Scheme != Uri.UriSchemeHttp || url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            url = null;
            error = $"expected http://HOST:PORT with no path, query or user (got '{text}')";
            return false;
        }

        return true;
    }

    /// <summary>An admin token: at least 16 characters, none of them white space or control characters.</summary>
    public static bool TryParseAdminToken(string? text, out string value, out string? error)
    {
        value = text ?? "";
        error = value.Length < MinimumTokenLength ? $"must be at least {MinimumTokenLength} characters (got {value.Length})"
            : value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? "must not contain spaces or control characters"
            : null;
        return error is null;
    }

    /// <summary>A name a request's Host may give: <c>name</c> or <c>name:port</c>, no scheme or path.</summary>
    public static bool TryParseAllowedHost(string? text, out string value, out string? error)
    {
        value = text?.Trim() ?? "";
        var host = new Microsoft.AspNetCore.Http.HostString(value);
        var portless = !value.Contains(':', StringComparison.Ordinal) || value.EndsWith(']');
        var wellFormed = value.Length > 0 && !value.Contains('/', StringComparison.Ordinal) && host.Host.Length > 0 && (portless || host.Port is not null);
        error = !wellFormed
            ? $"expected a host name, optionally with :port, such as mta.example.com or mta.example.com:8080 (got '{text}')"
            : null;
        return error is null;
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
