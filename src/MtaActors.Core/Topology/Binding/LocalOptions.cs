namespace MtaActors.Core.Topology.Binding;

/// <summary>The <c>local</c> section as written: this server's address spaces and recipients.</summary>
internal sealed class LocalOptions
{
    public List<LocalAddressSpaceOptions>? AddressSpaces { get; set; }
    public List<MailboxOptions>? Mailboxes { get; set; }
    public List<DistributionListOptions>? DistributionLists { get; set; }
}
