using AkkaLogLevel = Akka.Event.LogLevel;
using Akka.Actor;
using Akka.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MtaActors.Core.Topology;
using MtaActors.Engine.Hosting;
using MtaActors.Engine.Persistence;
using MtaActors.Engine.Supervision;
using MtaActors.Host.Api;
using MtaActors.Host.WebConsole;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace MtaActors.Host.Daemon;

/// <summary>
/// Composes the daemon: Kestrel with the admin API, Serilog, the actor system through Akka.Hosting (Akka's log
/// bridged into Serilog), and the engine. Ctrl-C or SIGTERM stops the host, which runs Akka's coordinated
/// shutdown; the whole stop is bounded by <see cref="ShutdownTimeout"/>.
/// </summary>
public static class MtaDaemon
{
    /// <summary>How long a stop may take before the host gives up waiting on its services.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Set to 1 (tests only), the delivery logs deliver duplicates instead of suppressing them.</summary>
    public const string DisableDedupVariable = "MTA_TEST_DISABLE_DEDUP";

    /// <summary>Runs until <paramref name="cancellationToken"/> fires or the process is told to stop; returns the exit code.</summary>
    public static async Task<int> RunAsync(DaemonSettings settings, Topology topology, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(error);
        // The preflight (DaemonPreflight) has created the folder and checked it is writable.
        var dataDirectory = Path.GetFullPath(settings.DataDirectory);
        var engineSettings = new MtaEngineSettings
        {
            Topology = topology,
            DataDirectory = dataDirectory,
            Journal = settings.Journal,
            ConnectionString = settings.ConnectionString,
            // Test only, undocumented on purpose in the CLI: lets the scenario harness show that no-duplicates can fail.
            DeduplicationEnabled = Environment.GetEnvironmentVariable(DisableDedupVariable) != "1",
        };

        // A damaged SQLite file otherwise shows as journal timeouts minutes later, after /health said "starting" all along.
        if (settings.Journal == JournalKind.Sqlite
            && await SqliteJournalProbe.ProbeAsync(MtaEngine.ConnectionString(engineSettings), SqliteJournalProbe.Depth.Quick, requireWritable: true, SqliteJournalProbe.DefaultTimeout, cancellationToken) is { } damage)
        {
            await error.WriteLineAsync($"mta: {damage.OneLine}");
            return 1;
        }

        using var metrics = PrometheusExport.Start();
        await using var app = Build(settings, engineSettings);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MtaActors.Host");
        if (!engineSettings.DeduplicationEnabled)
        {
            log.LogWarning("DE-DUPLICATION IS OFF ({Variable}=1): duplicates are delivered again. For tests of the checks only", DisableDedupVariable);
        }
        if (settings.Journal == JournalKind.Memory)
        {
            log.LogWarning("JOURNAL IS IN MEMORY: NOTHING IS DURABLE. Every queued message is lost when this daemon stops; use it for benchmarks only");
        }

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Smtp.SmtpListenException e)
        {
            // A port in use (or an address this machine lacks) is a setting that cannot work: exit 2, one line.
            await error.WriteLineAsync($"mta: {e.Message}");
            return 2;
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            // The preflight bound the address a moment ago: something took it since. Still a setting that cannot work.
            await error.WriteLineAsync($"mta: {DaemonPreflight.CannotListen(DaemonSettingsFields.Http, settings.Http, e)}");
            return 2;
        }

        if (settings.AdminToken is not null)
        {
            log.LogInformation("Admin API requires a bearer token; allowed Host names besides the bound address and loopback: {AllowedHosts}", settings.AllowedHosts.IsEmpty ? "none" : string.Join(", ", settings.AllowedHosts));
        }

        log.LogInformation(
            "Admin API on {Urls}; data in {DataDirectory}; journal {Journal}; topology {Topology}: {Links} links, {Mailboxes} local mailboxes",
            string.Join(", ", app.Urls),
            dataDirectory,
            settings.Journal,
            Path.GetFullPath(settings.Topology),
            topology.Links.Length,
            topology.Directory.Mailboxes.Length);

        await app.WaitForShutdownAsync(cancellationToken);
        if (CoordinatedShutdown.Get(app.Services.GetRequiredService<ActorSystem>()).ShutdownReason is QueueFailureReason reason)
        {
            // The engine stopped itself (e.g. a queue's recovery failed): not a clean stop, whatever the host thinks.
            await error.WriteLineAsync($"mta: stopped because {reason}; see the log above");
            return 1;
        }

        return app.Services.GetRequiredService<EngineService>().Failure is null ? 0 : 1;
    }

    private static WebApplication Build(DaemonSettings settings, MtaEngineSettings engineSettings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.WebHost.UseUrls(settings.Http.ToString());
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);

        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((_, logger) => ConfigureSerilog(logger, settings));

        builder.Services.AddSingleton(engineSettings);
        builder.Services.AddSingleton<GatewayHolder>();
        builder.Services.AddAkka("mta", (akka, _) =>
        {
            akka.AddHocon(MtaEngine.Configuration(engineSettings), HoconAddMode.Prepend);
            akka.ConfigureLoggers(loggers =>
            {
                loggers.LogLevel = AkkaLevel(settings.LogLevel);
                loggers.ClearLoggers();
                loggers.AddLoggerFactory();
            });
        });

        // Registered after AddAkka so it starts after the actor system does.
        builder.Services.AddSingleton<EngineService>();
        builder.Services.AddHostedService(services => services.GetRequiredService<EngineService>());
        builder.Services.AddSingleton<Smtp.SmtpCounters>();
        if (settings.Smtp.Enabled)
        {
            // After the engine service: it starts listening at once (answering 421 until the engine is up) and, hosted
            // services stopping in reverse order, stops taking mail before the engine stops.
            builder.Services.AddSingleton(services => new Smtp.SmtpListener(
                settings.Smtp,
                engineSettings.Topology,
                services.GetRequiredService<GatewayHolder>(),
                services.GetRequiredService<Smtp.SmtpCounters>(),
                TimeProvider.System,
                services.GetRequiredService<ILogger<Smtp.SmtpListener>>()));
            builder.Services.AddHostedService(services => services.GetRequiredService<Smtp.SmtpListener>());
        }

        var app = builder.Build();
        app.MapAdminApi(settings.Access);
        app.MapPrometheus();
        app.MapConsole();
        return app;
    }

    /// <summary>Every log line goes to stderr: stdout is for what a command reports, never for logs.</summary>
    private static void ConfigureSerilog(LoggerConfiguration logger, DaemonSettings settings)
    {
        logger.MinimumLevel.Is(settings.LogLevel)
            .MinimumLevel.Override("Microsoft", Max(settings.LogLevel, LogEventLevel.Warning))
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", settings.LogLevel)
            .Enrich.FromLogContext();
        if (settings.LogFormat == LogFormat.Json)
        {
            logger.WriteTo.Console(new JsonFormatter(renderMessage: true), standardErrorFromLevel: LogEventLevel.Verbose);
        }
        else
        {
            logger.WriteTo.Console(
                outputTemplate: "{Timestamp:HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}",
                standardErrorFromLevel: LogEventLevel.Verbose);
        }
    }

    private static LogEventLevel Max(LogEventLevel a, LogEventLevel b) => a > b ? a : b;

    private static AkkaLogLevel AkkaLevel(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => AkkaLogLevel.DebugLevel,
        LogEventLevel.Information => AkkaLogLevel.InfoLevel,
        LogEventLevel.Warning => AkkaLogLevel.WarningLevel,
        _ => AkkaLogLevel.ErrorLevel,
    };
}
