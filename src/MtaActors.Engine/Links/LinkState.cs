namespace MtaActors.Engine.Links;

/// <summary>
/// A link's health. Up and Retrying links take new mail (a retry is a passing hiccup); Down links are skipped by the
/// router and, when non-secured, have handed their queue back; Suspended links hold mail until an operator resumes them.
/// </summary>
public enum LinkState
{
    Up = 0,
    Retrying = 1,
    Down = 2,
    Suspended = 3,
}
