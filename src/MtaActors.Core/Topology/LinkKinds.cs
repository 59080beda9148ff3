namespace MtaActors.Core.Topology;

/// <summary>Facts about link kinds: their names in configuration and whether their queues are secured by default.</summary>
public static class LinkKinds
{
    public static bool SecuredByDefault(LinkKind kind) => kind is LinkKind.SmtpGateway or LinkKind.MsMail or LinkKind.Edk;

    /// <summary>The kebab-case name used in configuration and the API: x400, site, ras, smtp-gateway, msmail, edk.</summary>
    public static string ToName(LinkKind kind) => kind switch
    {
        LinkKind.X400 => "x400",
        LinkKind.Site => "site",
        LinkKind.Ras => "ras",
        LinkKind.SmtpGateway => "smtp-gateway",
        LinkKind.MsMail => "msmail",
        LinkKind.Edk => "edk",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static bool TryParse(string? name, out LinkKind kind)
    {
        foreach (var candidate in Enum.GetValues<LinkKind>())
        {
            if (string.Equals(ToName(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
