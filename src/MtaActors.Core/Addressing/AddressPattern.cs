namespace MtaActors.Core.Addressing;

/// <summary>The parsed form of an address-space pattern: its canonical text, its specificity and how it matches.</summary>
internal abstract class AddressPattern
{
    protected AddressPattern(string canonical, int specificity)
    {
        Canonical = canonical;
        Specificity = specificity;
    }

    public string Canonical { get; }

    public int Specificity { get; }

    /// <summary>Whether a valid address of this pattern's type falls in it.</summary>
    public abstract bool Matches(Address address);
}
