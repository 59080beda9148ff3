namespace MtaActors.Engine.Faults;

/// <summary>The far end refuses every association at once, the way a stopped remote MTA does.</summary>
public sealed record DownFault : FaultSpec
{
    public static readonly DownFault Instance = new();

    public override string Kind => FaultKinds.Down;
}
