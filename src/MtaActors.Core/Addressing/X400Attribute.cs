namespace MtaActors.Core.Addressing;

/// <summary>The standard X.400 O/R attributes, numbered in the order the canonical form writes them.</summary>
internal enum X400Attribute
{
    Country = 0,
    Admd = 1,
    Prmd = 2,
    Organisation = 3,
    OrganisationalUnit1 = 4,
    OrganisationalUnit2 = 5,
    OrganisationalUnit3 = 6,
    OrganisationalUnit4 = 7,
    Surname = 8,
    GivenName = 9,
    Initials = 10,
    GenerationQualifier = 11,
    CommonName = 12,
}
