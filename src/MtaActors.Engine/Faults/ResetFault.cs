namespace MtaActors.Engine.Faults;

/// <summary>
/// With probability <see cref="Rate"/> the association drops mid-transfer: the first half of the batch reaches the
/// far end (and is recorded there), then the transfer fails as reset, so the retry carries duplicates.
/// </summary>
public sealed record ResetFault(double Rate) : FaultSpec
{
    public double Rate { get; init; } = FaultGuard.Rate(Rate, nameof(Rate));

    public override string Kind => FaultKinds.Reset;
}
