namespace MtaActors.Host.Daemon;

/// <summary>The names of the settings (keys of <c>config/mta.json</c>), as error lines name them.</summary>
public static class DaemonSettingsFields
{
    public const string Topology = "topology";
    public const string DataDirectory = "dataDirectory";
    public const string Http = "http";
    public const string ConnectionString = "connectionString";
}
