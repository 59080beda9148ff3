namespace MtaActors.Core.Topology.Binding;

/// <summary>
/// Turns bound <see cref="TopologyOptions"/> into the immutable <see cref="Topology"/>, applying defaults and stopping
/// at the first problem with a <see cref="TopologyException"/> that names its field.
/// </summary>
internal static class TopologyValidator
{
    public const int MaxHops = 1000;
    public const int DefaultMaxBatchSize = 100;

    /// <summary>Finished ids are held in memory and in every work-queue snapshot: ten million is far beyond a day of mail.</summary>
    public const int MaxIdWindowSize = 10_000_000;

    public static Topology Validate(TopologyOptions options, FieldReader reader)
    {
        var server = Server(options.Server, reader);
        var routing = Routing(options.Routing, reader);
        var directory = new DirectoryValidator(reader).Validate(options.Local ?? new LocalOptions());
        var defaultRetry = RetryReader.Read(reader, options.Defaults?.Retry, "defaults.retry", RetryPolicy.Default);
        var defaultBatch = reader.Integer(options.Defaults?.MaxBatchSize, "defaults.maxBatchSize", DefaultMaxBatchSize, 1, LinkValidator.MaxBatchSize);
        var links = new LinkValidator(reader, server, defaultRetry, defaultBatch).Validate(options.Links);
        return new Topology(server, directory, links, routing);
    }

    private static ServerIdentity Server(ServerOptions? options, FieldReader reader)
    {
        if (options is null)
        {
            throw reader.Fail("server", "is required");
        }

        return new ServerIdentity(
            reader.Required(options.Name, "server.name"),
            reader.Required(options.Site, "server.site"),
            reader.Required(options.Organization, "server.organization"),
            reader.Address(options.Postmaster, "server.postmaster"));
    }

    private static RoutingSettings Routing(RoutingOptions? options, FieldReader reader)
    {
        var fallback = RoutingSettings.Default;
        return options is null
            ? fallback
            : new RoutingSettings(
                reader.Integer(options.MaxHops, "routing.maxHops", fallback.MaxHops, 1, MaxHops),
                reader.Duration(options.DefaultExpiry, "routing.defaultExpiry", fallback.DefaultExpiry))
            {
                IdWindow = reader.Duration(options.IdWindow, "routing.idWindow", fallback.IdWindow),
                IdWindowSize = reader.Integer(options.IdWindowSize, "routing.idWindowSize", fallback.IdWindowSize, 0, MaxIdWindowSize),
            };
    }
}
