using MtaActors.Core.Topology;
using System.Collections.Immutable;
using MtaActors.Engine.Hosting;
using MtaActors.Host.Api;
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

    /// <summary>The environment variable that gives the admin token when <c>--admin-token</c> does not.</summary>
    public const string AdminTokenVariable = "MTA_ADMIN_TOKEN";

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

    /// <summary>
    /// The bearer token every admin request must carry (<c>--admin-token</c>, else <c>MTA_ADMIN_TOKEN</c>, else
    /// <c>adminToken</c>); none by default, which is allowed only while <see cref="Http"/> is loopback.
    /// </summary>
    public string? AdminToken { get; init; }

    /// <summary>Further names a request's Host may give (<c>name</c> or <c>name:port</c>), e.g. a reverse proxy's; none by default.</summary>
    public ImmutableArray<string> AllowedHosts { get; init; } = [];

    /// <summary>Who may drive the admin API under these settings.</summary>
    public AdminAccess Access => new(AdminToken, AllowedHosts, Http.Host);

    /// <summary>The SMTP listener; by default on <c>127.0.0.1:2525</c> (see <see cref="SmtpSettings"/>).</summary>
    public SmtpSettings Smtp { get; init; } = new();

    /// <summary>
    /// A smarthost (<c>relayHost</c>, <c>--relay-host</c>): the topology's Internet gateway sends its mail there over SMTP
    /// instead of to its simulated site, like Postfix's <c>relayhost</c>. Null, the default, changes nothing.
    /// </summary>
    public SmtpRelay? RelayHost { get; init; }

    /// <summary>Checks what only the combination of settings can get wrong; one line naming the field, or null.</summary>
    public string? Validate()
    {
        if (Journal == JournalKind.Postgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            return "connectionString: required when journal is postgres (set it in the settings file or pass --connection)";
        }

        if (AdminToken is null && !AdminAccess.IsLoopback(Http.Host))
        {
            return $"adminToken: required when the admin API listens beyond loopback ({Http.GetLeftPart(UriPartial.Authority)}): pass --admin-token, set {AdminTokenVariable} or adminToken in the settings file";
        }

        return null;
    }
}
