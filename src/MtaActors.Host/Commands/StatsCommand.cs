using System.CommandLine;
using MtaActors.Engine.Gateway;

namespace MtaActors.Host.Commands;

/// <summary><c>mta stats</c>: the daemon's counters since it started, one per line.</summary>
internal static class StatsCommand
{
    private static readonly (Func<MtaStatistics, long> Counter, string Label)[] Counters =
    [
        (s => s.Accepted, "accepted messages"),
        (s => s.Delivered, "delivered recipients"),
        (s => s.NonDelivered, "non-delivered recipients"),
        (s => s.Rerouted, "rerouted recipients"),
        (s => s.DuplicatesSuppressed, "duplicates suppressed"),
        (s => s.WorkQueueLength, "work queue length"),
        (s => s.Quarantined, "quarantined (poison queue)"),
        (s => s.SubmissionsDeduplicated, "submissions deduplicated"),
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
            (client, ct) => client.StatsAsync(ct),
            Render,
            cancellationToken));
        return command;
    }

    internal static void Render(MtaStatistics statistics, TextWriter output)
    {
        var width = Counters.Max(counter => counter.Label.Length);
        foreach (var (counter, label) in Counters)
        {
            output.WriteLine($"{label.PadRight(width)}  {ApiCall.Text(counter(statistics))}");
        }
    }
}
