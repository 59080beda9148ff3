using MtaActors.Engine.Hosting;
using MtaActors.Host.Daemon;
using MtaActors.Tests.Common;
using Serilog.Events;

namespace MtaActors.Host.Tests.Daemon;

public sealed class DaemonSettingsSpec
{
    [Fact]
    public void Settings_file_values_replace_the_defaults()
    {
        var settings = DaemonSettingsLoader.Parse("""
            {
              "topology": "other/topology.json",
              "dataDirectory": "/var/lib/mta",
              "http": "http://0.0.0.0:9090",
              "journal": "postgres",
              "connectionString": "Host=db;Username=mta",
              "logLevel": "debug",
              "logFormat": "json",
              "adminToken": "s3cret-token-0123456789",
              "allowedHosts": ["mta.example.com", "proxy.example.com:8443"]
            }
            """, "mta.json");

        Assert.Equal("other/topology.json", settings.Topology);
        Assert.Equal("/var/lib/mta", settings.DataDirectory);
        Assert.Equal(new Uri("http://0.0.0.0:9090"), settings.Http);
        Assert.Equal(JournalKind.Postgres, settings.Journal);
        Assert.Equal("Host=db;Username=mta", settings.ConnectionString);
        Assert.Equal(LogEventLevel.Debug, settings.LogLevel);
        Assert.Equal(LogFormat.Json, settings.LogFormat);
        Assert.Equal("s3cret-token-0123456789", settings.AdminToken);
        Assert.Equal(new[] { "mta.example.com", "proxy.example.com:8443" }, settings.AllowedHosts.ToArray());
        Assert.Null(settings.Validate());
    }

    [Fact]
    public void Defaults_are_the_sample_topology_a_local_sqlite_journal_and_port_8080()
    {
        var settings = DaemonSettingsLoader.Parse("{}", "mta.json");

        Assert.Equal("config/topology.json", settings.Topology);
        Assert.Equal("./data", settings.DataDirectory);
        Assert.Equal(new Uri("http://127.0.0.1:8080"), settings.Http);
        Assert.Equal(JournalKind.Sqlite, settings.Journal);
        Assert.Equal(LogEventLevel.Information, settings.LogLevel);
    }

    [Theory]
    [InlineData("""{"journal": "oracle"}""", "mta.json: journal: expected sqlite, postgres or memory (got 'oracle')")]
    [InlineData("""{"http": "localhost"}""", "mta.json: http: expected a URL such as http://127.0.0.1:8080 (got 'localhost')")]
    [InlineData("""{"logLevel": "loud"}""", "mta.json: logLevel: expected verbose, debug, information, warning, error or fatal (got 'loud')")]
    [InlineData("""{"dataDirectory": 5}""", "mta.json: dataDirectory: expected a string")]
    [InlineData("""{"topology": " "}""", "mta.json: topology: must not be empty")]
    [InlineData("""{"jornal": "sqlite"}""", "mta.json: jornal: unknown setting")]
    [InlineData("""["journal"]""", "mta.json: expected a JSON object of settings")]
    [InlineData("""{"journal": """, "mta.json: malformed JSON")]
    [InlineData("""{"http": "http://127.0.0.1:8080/admin?x=1"}""", "mta.json: http: expected http://HOST:PORT with no path, query or user")]
    [InlineData("""{"adminToken": "short"}""", "mta.json: adminToken: must be at least 16 characters")]
    [InlineData("""{"adminToken": "has a space in it, long enough"}""", "mta.json: adminToken: must not contain spaces")]
    [InlineData("""{"allowedHosts": "mta.example.com"}""", "mta.json: allowedHosts: expected an array of host names")]
    [InlineData("""{"allowedHosts": ["http://mta.example.com/"]}""", "mta.json: allowedHosts[0]: expected a host name")]
    public void Bad_settings_name_the_file_and_the_field(string json, string reason)
    {
        var error = Assert.Throws<SettingsException>(() => DaemonSettingsLoader.Parse(json, "mta.json"));

        Assert.StartsWith(reason, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Listening_beyond_loopback_without_an_admin_token_is_refused_naming_the_field()
    {
        var settings = DaemonSettingsLoader.Parse("""{"http": "http://0.0.0.0:8080"}""", "mta.json");

        Assert.StartsWith("adminToken: required when the admin API listens beyond loopback (http://0.0.0.0:8080)", settings.Validate());
        Assert.Null((settings with { Http = new Uri("http://[::1]:8080") }).Validate());
        Assert.Null((settings with { Http = new Uri("http://localhost:8080") }).Validate());
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_naming_the_field()
    {
        var settings = DaemonSettingsLoader.Parse("""{"journal": "postgres"}""", "mta.json");

        Assert.StartsWith("connectionString: required when journal is postgres", settings.Validate());
    }

    [Fact]
    public void A_settings_file_named_explicitly_must_exist()
    {
        using var folder = new TempDirectory();
        var path = folder.File("missing.json");

        var error = Assert.Throws<SettingsException>(() => DaemonSettingsLoader.Load(path));

        Assert.Equal($"{path}: settings file not found", error.Message);
    }

    [Fact]
    public void The_shipped_settings_file_is_valid_and_matches_the_defaults()
    {
        var settings = DaemonSettingsLoader.Load(RepositoryPaths.File("config/mta.json"));

        Assert.Equal(new DaemonSettings(), settings);
    }
}
