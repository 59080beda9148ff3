using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using MtaActors.Host.Daemon;
using MtaActors.Host.Client;

namespace MtaActors.Host.Commands;

/// <summary>
/// Builders for the options several commands share, each with a parser whose error names the option and
/// what it expects (<c>--size: expected a whole number, 0 or more</c>) instead of a .NET type name.
/// </summary>
internal static class CliOptions
{
    public const string DefaultDaemonUrl = "http://127.0.0.1:8080";

    public const string DaemonUrlVariable = "MTA_HTTP";

    public const string AdminTokenName = "--admin-token";

    /// <summary><c>--http URL</c> of the daemon to talk to: the option, else <c>MTA_HTTP</c>, else the default.</summary>
    public static Option<Uri> DaemonUrl() => new("--http")
    {
        Description = $"The daemon's admin API (default: ${DaemonUrlVariable} or {DefaultDaemonUrl})",
        HelpName = "URL",
        CustomParser = result => ParseUrl(result, result.Tokens.Single().Value, "--http"),
        DefaultValueFactory = result => ParseUrl(
            result,
            Environment.GetEnvironmentVariable(DaemonUrlVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : DefaultDaemonUrl,
            DaemonUrlVariable),
    };

    /// <summary><c>--http URL</c> where <c>mta run</c> listens; no default here, so the settings file's value stands.</summary>
    public static Option<Uri?> ListenUrl() => new("--http")
    {
        Description = $"Where the admin API listens (default {DefaultDaemonUrl}; port 0 picks a free port; beyond loopback an admin token is required)",
        HelpName = "URL",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (SettingValues.TryParseListenUrl(text, out var url, out var error))
            {
                return url;
            }

            result.AddError($"--http: {error}");
            return null;
        },
    };

    /// <summary>
    /// <c>--admin-token TOKEN</c>, on every command (recursive): the token <c>mta run</c> requires, or the one a client
    /// command sends. Else <c>MTA_ADMIN_TOKEN</c>.
    /// </summary>
    public static Option<string> AdminToken() => new(AdminTokenName)
    {
        Description = $"Admin API bearer token: required by mta run, sent by the other commands (default: ${DaemonSettings.AdminTokenVariable})",
        HelpName = "TOKEN",
        Recursive = true,
    };

    /// <summary>The admin token a command was given: <c>--admin-token</c>, else <c>MTA_ADMIN_TOKEN</c>, else none.</summary>
    public static string? AdminTokenOf(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue<string>(AdminTokenName) is { Length: > 0 } given ? given
            : Environment.GetEnvironmentVariable(DaemonSettings.AdminTokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
            : null;
    }

    /// <summary>The daemon a client command talks to: <paramref name="http"/>'s address and the admin token, if any.</summary>
    public static DaemonEndpoint Daemon(ParseResult parse, Option<Uri> http)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new DaemonEndpoint(parse.GetRequiredValue(http), AdminTokenOf(parse));
    }

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print the API's JSON instead of a table",
    };

    public static Option<long?> WholeNumber(string name, string description, long minimum = 0, long maximum = long.MaxValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum)
            {
                return value;
            }

            result.AddError(maximum == long.MaxValue
                ? $"{name}: expected a whole number, {minimum} or more (got '{text}')"
                : $"{name}: expected a whole number from {minimum} to {maximum} (got '{text}')");
            return null;
        },
    };

    public static Option<double?> Fraction(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "X",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1)
            {
                return value;
            }

            result.AddError($"{name}: expected a number from 0 to 1 (got '{text}')");
            return null;
        },
    };

    /// <summary>An option whose value goes through one of the <see cref="SettingValues"/>-style parsers.</summary>
    public static Option<T?> Choice<T>(string name, string description, string helpName, TryParse<T> parse)
        where T : struct
        => new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = result =>
            {
                if (parse(result.Tokens.Single().Value, out var value, out var error))
                {
                    return value;
                }

                result.AddError($"{name}: {error}");
                return null;
            },
        };

    public delegate bool TryParse<T>(string text, out T value, out string? error);

    private static Uri ParseUrl(ArgumentResult result, string text, string source)
    {
        if (SettingValues.TryParseHttpUrl(text, out var url, out var error))
        {
            return url!;
        }

        result.AddError($"{source}: {error}");
        return new Uri(DefaultDaemonUrl);
    }
}
