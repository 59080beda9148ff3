namespace MtaActors.Engine.Faults;

/// <summary>
/// The far end accepts the association and never answers: only the caller's timeout ends the transfer.
/// This is the failure that froze the synchronous Exchange MTA (Q193760, KB924567).
/// </summary>
public sealed record HangFault : FaultSpec
{
    public static readonly HangFault Instance = new();

    public override string Kind => FaultKinds.Hang;
}
