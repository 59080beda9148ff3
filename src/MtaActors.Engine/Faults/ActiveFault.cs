namespace MtaActors.Engine.Faults;

/// <summary>A fault as the switchboard holds it: the spec and when it was set, which fixes the phase of a flap.</summary>
public sealed record ActiveFault(FaultSpec Spec, DateTimeOffset Since);
