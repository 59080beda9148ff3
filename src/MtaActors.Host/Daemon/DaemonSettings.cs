using MtaActors.Engine.Hosting;
using MtaActors.Host.Smtp;
using Serilog.Events;

namespace MtaActors.Host.Daemon;

/// <summary>
/// The daemon's own settings (<c>config/mta.json</c>, then command-line overrides). Relative paths are relative
/// to the current directory. The defaults are what <c>mta run</c> uses with no settings file.
/// </summary>
public sealed record DaemonSettings
{
    /// <summary>The settings file <c>mta run</c> reads when <c>--settings</c> is not given; optional.</summary>
    public const string DefaultPath = "config/mta.json";

    /// <summary>Topology file; default <c>config/topology.json</c>.</summary>
    public string Topology { get; init; } = "config/topology.json";

    /// <summary>Folder for the SQLite journal and delivery logs; default <c>./data</c>.</summary>
    public string DataDirectory { get; init; } = "./data";

    /// <summary>Where the admin HTTP API listens; default <c>http://127.0.0.1:8080</c>.</summary>
    public Uri Http { get; init; } = new("http://127.0.0.1:8080");

    /// <summary>Default <see cref="JournalKind.Sqlite"/>.</summary>
    public JournalKind Journal { get; init; } = JournalKind.Sqlite;

    /// <summary>Required for PostgreSQL; for SQLite defaults to a file in the data folder.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>Minimum level of the daemon's log, Akka's included; default Information.</summary>
    public LogEventLevel LogLevel { get; init; } = LogEventLevel.Information;

    public LogFormat LogFormat { get; init; } = LogFormat.Text;

    /// <summary>The SMTP listener; by default on <c>127.0.0.1:2525</c> (see <see cref="SmtpSettings"/>).</summary>
    public SmtpSettings Smtp { get; init; } = new();

    /// <summary>Checks what only the combination of settings can get wrong; one line naming the field, or null.</summary>
    public string? Validate()
    {
        if (Journal == JournalKind.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            return "connectionString: required when journal is postgres (set it in the settings file or pass --connection)";
        }

        return null;
    }
}
