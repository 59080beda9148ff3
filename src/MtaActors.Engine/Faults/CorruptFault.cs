namespace MtaActors.Engine.Faults;

/// <summary>
/// With probability <see cref="Rate"/> a transfer damages the content of one envelope on the way; the far end
/// must notice by checksum and refuse the batch as corrupt, so nothing damaged is ever delivered.
/// </summary>
public sealed record CorruptFault(double Rate) : FaultSpec
{
    public double Rate { get; init; } = FaultGuard.Rate(Rate, nameof(Rate));

    public override string Kind => FaultKinds.Corrupt;
}
