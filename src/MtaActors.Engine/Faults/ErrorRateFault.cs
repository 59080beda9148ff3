namespace MtaActors.Engine.Faults;

/// <summary>Each transfer or probe fails as transient with probability <see cref="Rate"/> (0 never, 1 always).</summary>
public sealed record ErrorRateFault(double Rate) : FaultSpec
{
    public double Rate { get; init; } = FaultGuard.Rate(Rate, nameof(Rate));

    public override string Kind => FaultKinds.ErrorRate;
}
