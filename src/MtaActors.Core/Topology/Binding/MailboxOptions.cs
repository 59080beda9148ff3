namespace MtaActors.Core.Topology.Binding;

/// <summary>A local mailbox as written: a name and all of its addresses.</summary>
internal sealed class MailboxOptions
{
    public string? Name { get; set; }
    public List<string>? Addresses { get; set; }
}
