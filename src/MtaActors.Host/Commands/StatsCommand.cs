using System.CommandLine;
using System.Text.Json;

namespace MtaActors.Host.Commands;

/// <summary><c>mta stats</c>: the daemon's counters since it started, one per line.</summary>
internal static class StatsCommand
{
    private static readonly (string Property, string Label)[] Counters =
    [
        ("accepted", "accepted messages"),
        ("delivered", "delivered recipients"),
        ("nonDelivered", "non-delivered recipients"),
        ("rerouted", "rerouted recipients"),
        ("duplicatesSuppressed", "duplicates suppressed"),
        ("workQueueLength", "work queue length"),
        ("quarantined", "quarantined (poison queue)"),
        ("submissionsDeduplicated", "submissions deduplicated"),
    ];

    public static Command Create(CliConsole console)
    {
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("stats", "Show the daemon's counters since it started") { http, json };
        command.SetAction((parse, cancellationToken) => ApiCall.RunAsync(
            console,
            CliOptions.Daemon(parse, http),
            parse.GetValue(json),
            (client, ct) => client.GetAsync("api/stats", ct),
            Render,
            cancellationToken));
        return command;
    }

    internal static void Render(JsonElement statistics, TextWriter output)
    {
        var width = Counters.Max(counter => counter.Label.Length);
        foreach (var (property, label) in Counters)
        {
            output.WriteLine($"{label.PadRight(width)}  {ApiCall.Text(statistics, property)}");
        }
    }
}
