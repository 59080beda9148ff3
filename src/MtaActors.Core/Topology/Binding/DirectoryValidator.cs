using System.Collections.Immutable;
using MtaActors.Core.Addressing;
using MtaActors.Core.Routing;

namespace MtaActors.Core.Topology.Binding;

/// <summary>
/// Validates the <c>local</c> section into a <see cref="LocalDirectory"/>: every recipient address lies in a local
/// address space and belongs to exactly one mailbox or list, and list members are well-formed and, when local, exist.
/// </summary>
internal sealed class DirectoryValidator(FieldReader reader)
{
    // Local delivery is never weighed against a link, so local spaces carry a nominal cost.
    private const int LocalCost = 1;

    private readonly Dictionary<string, string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<Address, string> _owners = [];

    public LocalDirectory Validate(LocalOptions local)
    {
        var spaces = Spaces(local.AddressSpaces ?? []);
        var mailboxes = (local.Mailboxes ?? []).Select((mailbox, i) => Mailbox(mailbox, $"local.mailboxes[{i}]", spaces)).ToImmutableArray();
        var listOptions = local.DistributionLists ?? [];
        var heads = listOptions.Select((list, i) => ListHead(list, $"local.distributionLists[{i}]", spaces)).ToImmutableArray();

        // Members are read once every list address is known, so a list may name a list declared after it.
        var lists = heads.Select((head, i) => head with
        {
            Members = Members(listOptions[i].Members, $"local.distributionLists[{i}].members", spaces),
        }).ToImmutableArray();

        return new LocalDirectory(mailboxes, lists, spaces);
    }

    private ImmutableArray<AddressSpace> Spaces(List<LocalAddressSpaceOptions> options)
    {
        var spaces = ImmutableArray.CreateBuilder<AddressSpace>(options.Count);
        for (var i = 0; i < options.Count; i++)
        {
            var path = $"local.addressSpaces[{i}]";
            var space = reader.Space(options[i].Type, options[i].Pattern, LocalCost, path);
            if (spaces.Any(known => known.Type == space.Type && known.Pattern == space.Pattern))
            {
                throw reader.Fail(path, $"duplicate address space {AddressReader.TypeName(space.Type)} '{space.Pattern}'");
            }

            spaces.Add(space);
        }

        return spaces.ToImmutable();
    }

    private LocalMailbox Mailbox(MailboxOptions options, string path, ImmutableArray<AddressSpace> spaces)
    {
        var name = Name(options.Name, $"{path}.name", path);
        var texts = options.Addresses ?? [];
        if (texts.Count == 0)
        {
            throw reader.Fail($"{path}.addresses", "must list at least one address");
        }

        var addresses = texts.Select((text, i) => Own(text, $"{path}.addresses[{i}]", $"mailbox '{name}'", spaces));
        return new LocalMailbox(name, [.. addresses]);
    }

    private DistributionList ListHead(DistributionListOptions options, string path, ImmutableArray<AddressSpace> spaces)
    {
        var name = Name(options.Name, $"{path}.name", path);
        var address = Own(options.Address, $"{path}.address", $"distribution list '{name}'", spaces);
        return new DistributionList(name, address, []);
    }

    private ImmutableArray<Address> Members(List<string>? texts, string path, ImmutableArray<AddressSpace> spaces)
    {
        if (texts is null || texts.Count == 0)
        {
            throw reader.Fail(path, "must list at least one member");
        }

        var members = ImmutableArray.CreateBuilder<Address>(texts.Count);
        for (var i = 0; i < texts.Count; i++)
        {
            var memberPath = $"{path}[{i}]";
            var member = reader.Address(texts[i], memberPath);
            if (members.Contains(member))
            {
                throw reader.Fail(memberPath, $"duplicate member '{member}'");
            }

            // A local member that nobody owns would only ever produce a non-delivery report: a typo, caught here.
            if (IsLocal(member, spaces) && !_owners.ContainsKey(member))
            {
                throw reader.Fail(memberPath, $"'{member}' is in a local address space but is no mailbox or distribution list");
            }

            members.Add(member);
        }

        return members.ToImmutable();
    }

    private string Name(string? text, string path, string owner)
    {
        var name = reader.Required(text, path);
        if (!_names.TryAdd(name, owner))
        {
            throw reader.Fail(path, $"duplicate name '{name}' (already used by {_names[name]})");
        }

        return name;
    }

    private Address Own(string? text, string path, string owner, ImmutableArray<AddressSpace> spaces)
    {
        var address = reader.Address(text, path);
        if (!IsLocal(address, spaces))
        {
            throw reader.Fail(path, $"'{address}' is outside every local address space");
        }

        if (!_owners.TryAdd(address, owner))
        {
            throw reader.Fail(path, $"duplicate address '{address}' (already used by {_owners[address]})");
        }

        return address;
    }

    private static bool IsLocal(Address address, ImmutableArray<AddressSpace> spaces) => spaces.Any(space => space.Matches(address));
}
