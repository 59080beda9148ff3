namespace MtaActors.Host.Scenarios;

/// <summary>A scenario file that cannot be used: one line naming the file, the field and the problem.</summary>
public sealed class ScenarioException(string message) : Exception(message);
