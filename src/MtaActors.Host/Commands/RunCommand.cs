using System.CommandLine;
using MtaActors.Engine.Hosting;
using MtaActors.Host.Daemon;
using MtaActors.Host.Smtp;
using Serilog.Events;

namespace MtaActors.Host.Commands;

/// <summary>
/// <c>mta run</c>: the routing daemon. Settings come from <c>config/mta.json</c> (or <c>--settings</c>), options
/// override them; unusable settings or topology stop it before anything starts (<see cref="DaemonPreflight"/>), with one
/// line and exit 2.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CliConsole console)
    {
        var topology = new Option<string>("--config") { Description = "Topology file (default config/topology.json)", HelpName = "FILE" };
        var settingsFile = new Option<string>("--settings") { Description = $"Daemon settings file (default {DaemonSettings.DefaultPath}, optional)", HelpName = "FILE" };
        var data = new Option<string>("--data") { Description = "Data folder for the SQLite journal and delivery logs (default ./data)", HelpName = "DIR" };
        var http = CliOptions.ListenUrl();
        var journal = CliOptions.Choice<JournalKind>("--journal", "sqlite (default), postgres, or memory (nothing durable: benchmarks only)", "KIND", SettingValues.TryParseJournal);
        var connection = new Option<string>("--connection") { Description = "Journal connection string (required for postgres)", HelpName = "STRING" };
        var logLevel = CliOptions.Choice<LogEventLevel>("--log-level", "verbose, debug, information (default), warning, error or fatal", "LEVEL", SettingValues.TryParseLogLevel);
        var smtp = SmtpListenOption();
        var relayHost = RelayHostOption();
        var command = new Command("run", "Run the routing daemon")
        {
            topology, settingsFile, data, http, journal, connection, logLevel, smtp, relayHost,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            DaemonSettings settings;
            try
            {
                settings = DaemonSettingsLoader.Load(parse.GetValue(settingsFile));
            }
            catch (SettingsException e)
            {
                return console.Fail(e.Message, ExitCodes.BadUsage);
            }

            settings = settings with
            {
                Topology = parse.GetValue(topology) ?? settings.Topology,
                DataDirectory = parse.GetValue(data) ?? settings.DataDirectory,
                Http = parse.GetValue(http) ?? settings.Http,
                Journal = parse.GetValue(journal) ?? settings.Journal,
                ConnectionString = parse.GetValue(connection) ?? settings.ConnectionString,
                LogLevel = parse.GetValue(logLevel) ?? settings.LogLevel,
                Smtp = parse.GetValue(smtp) is { } listen ? settings.Smtp with { Listen = listen.EndPoint } : settings.Smtp,
                RelayHost = parse.GetValue(relayHost) ?? settings.RelayHost,
            };
            if (AdminToken(parse, settings.AdminToken, out var token) is { } tokenProblem)
            {
                return console.Fail(tokenProblem, ExitCodes.BadUsage);
            }

            settings = settings with { AdminToken = token };
            PreflightResult ready;
            try
            {
                ready = DaemonPreflight.Check(settings);
            }
            catch (SettingsException e)
            {
                return console.Fail(e.Message, ExitCodes.BadUsage);
            }

            foreach (var warning in ready.Warnings)
            {
                await console.Error.WriteLineAsync($"mta: warning: {warning}");
            }

            return await MtaDaemon.RunAsync(settings with { DataDirectory = ready.DataDirectory }, ready.Topology, console.Error, cancellationToken);
        });
        return command;
    }

    /// <summary>The token to require: <c>--admin-token</c>, else <c>MTA_ADMIN_TOKEN</c>, else the settings file's; a problem names its source.</summary>
    private static string? AdminToken(ParseResult parse, string? fromSettings, out string? token)
    {
        var (given, source) = parse.GetValue<string>(CliOptions.AdminTokenName) is { } option ? (option, CliOptions.AdminTokenName)
            : Environment.GetEnvironmentVariable(DaemonSettings.AdminTokenVariable) is { Length: > 0 } variable ? (variable, DaemonSettings.AdminTokenVariable)
            : (fromSettings, null);
        token = given;
        if (given is null || source is null)
        {
            return null;
        }

        return SettingValues.TryParseAdminToken(given, out token, out var error) ? null : $"{source}: {error}";
    }

    /// <summary><c>--smtp HOST:PORT|off</c>; not given, the settings file's value stands.</summary>
    private static Option<SmtpListenOverride?> SmtpListenOption() => new("--smtp")
    {
        Description = $"Where the SMTP listener accepts mail (default {SmtpSettings.DefaultListen}), or off",
        HelpName = "HOST:PORT|off",
        CustomParser = result =>
        {
            if (SmtpSettingsReader.TryParseListen(result.Tokens.Single().Value, out var endpoint, out var error))
            {
                return new SmtpListenOverride(endpoint);
            }

            result.AddError($"--smtp: {error}");
            return null;
        },
    };

    /// <summary><c>--relay-host HOST:PORT</c>: the smarthost for the Internet gateway; not given, the settings file's value stands.</summary>
    private static Option<Core.Topology.SmtpRelay?> RelayHostOption() => new("--relay-host")
    {
        Description = "Send the Internet gateway's mail (imc-internet, address space *) to this SMTP server",
        HelpName = "HOST:PORT",
        CustomParser = result =>
        {
            if (RelayHost.TryParse(result.Tokens.Single().Value, out var relay, out var error))
            {
                return relay;
            }

            result.AddError($"--relay-host: {error}");
            return null;
        },
    };

    /// <summary>What <c>--smtp</c> said: an endpoint, or null for off (distinct from the option not being given).</summary>
    private sealed record SmtpListenOverride(System.Net.IPEndPoint? EndPoint);
}
