using System.CommandLine;
using MtaActors.Host.Commands;

namespace MtaActors.Host.Scenarios;

/// <summary><c>mta scenario run FILE</c>: runs a fault scenario and checks its invariants.</summary>
internal static class ScenarioCommand
{
    public static Command Create(CliConsole console)
        => new("scenario", "Run scripted link-failure scenarios and check invariants over the full history");
}
