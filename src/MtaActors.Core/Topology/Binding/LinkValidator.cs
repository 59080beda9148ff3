using System.Collections.Immutable;
using System.Text.RegularExpressions;
using MtaActors.Core.Addressing;

namespace MtaActors.Core.Topology.Binding;

/// <summary>
/// Validates the <c>links</c> section into <see cref="LinkDefinition"/>s, filling what a link leaves out from the
/// defaults. Link names become actor names and URL segments, so they are kebab-case and unique, and the names of
/// the built-in queues are reserved.
/// </summary>
internal sealed partial class LinkValidator(FieldReader reader, ServerIdentity server, RetryPolicy defaultRetry, int defaultBatchSize)
{
    public const int MinCost = 1;
    public const int MaxCost = 100;
    public const int DefaultCost = 1;
    public const int MaxBatchSize = 10_000;

    /// <summary>Names of the queues every server has besides its links.</summary>
    public static readonly ImmutableArray<string> ReservedNames = ["local-store", "work-queue", "poison"];

    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TimeSpan Latency, string Path)> _sites = new(StringComparer.OrdinalIgnoreCase);

    public ImmutableArray<LinkDefinition> Validate(List<LinkOptions>? links)
    {
        if (links is null || links.Count == 0)
        {
            throw reader.Fail("links", "must list at least one link");
        }

        return [.. links.Select((link, i) => Link(link, $"links[{i}]"))];
    }

    private LinkDefinition Link(LinkOptions options, string path)
    {
        var name = Name(options.Name, $"{path}.name");
        var kind = Kind(options.Kind, $"{path}.kind");
        var secured = reader.Boolean(options.Secured, $"{path}.secured", LinkKinds.SecuredByDefault(kind));
        var spaces = Spaces(options.AddressSpaces, $"{path}.addressSpaces");
        var retry = RetryReader.Read(reader, options.Retry, $"{path}.retry", defaultRetry);
        var batch = reader.Integer(options.MaxBatchSize, $"{path}.maxBatchSize", defaultBatchSize, 1, MaxBatchSize);
        var remote = Remote(options.Remote, $"{path}.remote", name);
        var smtp = Smtp(options.Remote!, $"{path}.remote");
        return new LinkDefinition(name, kind, secured, spaces, retry, remote, batch, smtp);
    }

    private string Name(string? text, string path)
    {
        var name = reader.Required(text, path);
        if (!LinkName().IsMatch(name))
        {
            throw reader.Fail(path, $"'{name}' is not a valid link name (lower-case letters, digits and '-', not starting with '-')");
        }

        if (ReservedNames.Contains(name))
        {
            throw reader.Fail(path, $"'{name}' is reserved for a built-in queue");
        }

        return _names.Add(name) ? name : throw reader.Fail(path, $"duplicate link name '{name}'");
    }

    private LinkKind Kind(string? text, string path)
    {
        var name = reader.Required(text, path);
        if (LinkKinds.TryParse(name, out var kind))
        {
            return kind;
        }

        var expected = string.Join(", ", Enum.GetValues<LinkKind>().Select(LinkKinds.ToName));
        throw reader.Fail(path, $"unknown kind '{name}' (expected {expected})");
    }

    private ImmutableArray<AddressSpace> Spaces(List<LinkAddressSpaceOptions>? options, string path)
    {
        if (options is null || options.Count == 0)
        {
            throw reader.Fail(path, "must list at least one address space");
        }

        var spaces = ImmutableArray.CreateBuilder<AddressSpace>(options.Count);
        for (var i = 0; i < options.Count; i++)
        {
            var spacePath = $"{path}[{i}]";
            var cost = reader.Integer(options[i].Cost, $"{spacePath}.cost", DefaultCost, MinCost, MaxCost);
            var space = reader.Space(options[i].Type, options[i].Pattern, cost, spacePath);
            if (spaces.Any(known => known.Type == space.Type && known.Pattern == space.Pattern))
            {
                throw reader.Fail(spacePath, $"duplicate address space {AddressReader.TypeName(space.Type)} '{space.Pattern}'");
            }

            spaces.Add(space);
        }

        return spaces.ToImmutable();
    }

    private RemoteSite Remote(RemoteOptions? options, string path, string link)
    {
        if (options is null)
        {
            throw reader.Fail(path, "is required");
        }

        // A link to a real SMTP server needs no simulated site; its delivery log is then named after the link.
        var site = options.Smtp is not null && string.IsNullOrWhiteSpace(options.Site) ? link : reader.Required(options.Site, $"{path}.site");
        if (string.Equals(site, server.Site, StringComparison.OrdinalIgnoreCase))
        {
            throw reader.Fail($"{path}.site", $"'{site}' is this server's own site");
        }

        var latency = reader.Duration(options.Latency, $"{path}.latency", TimeSpan.Zero, allowZero: true);

        // Latency belongs to the site, not the link: two links to Paris must agree on how fast Paris answers.
        if (_sites.TryGetValue(site, out var known) && known.Latency != latency)
        {
            throw reader.Fail($"{path}.latency", $"site '{site}' already has latency {known.Latency:c} ({known.Path})");
        }

        _sites.TryAdd(site, (latency, $"{path}.latency"));
        return new RemoteSite(site, latency);
    }

    private SmtpRelay? Smtp(RemoteOptions options, string path)
    {
        if (options.Smtp is null)
        {
            return options.Connections is null ? null : throw reader.Fail($"{path}.connections", "applies only with remote.smtp");
        }

        if (!SmtpEndpointSyntax.TryParse(options.Smtp, out var host, out var port))
        {
            throw reader.Fail($"{path}.smtp", $"{SmtpEndpointSyntax.Expected} (got '{options.Smtp}')");
        }

        var connections = reader.Integer(options.Connections, $"{path}.connections", SmtpRelay.DefaultConnections, 1, SmtpRelay.MaxConnections);
        return new SmtpRelay(host, port, connections);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex LinkName();
}
