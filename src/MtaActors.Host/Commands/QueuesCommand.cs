using System.CommandLine;
using System.Globalization;
using MtaActors.Engine.Gateway;

namespace MtaActors.Host.Commands;

/// <summary><c>mta queues</c>: the work queue, every link queue and the local store, with length and oldest age.</summary>
internal static class QueuesCommand
{
    public static Command Create(CliConsole console)
    {
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("queues", "Show the work queue, every link queue and the local store") { http, json };
        command.SetAction((parse, cancellationToken) => ApiCall.RunAsync(
            console,
            CliOptions.Daemon(parse, http),
            parse.GetValue(json),
            (client, ct) => client.QueuesAsync(ct),
            Render,
            cancellationToken));
        return command;
    }

    internal static void Render(IReadOnlyList<QueueStatus> queues, TextWriter output)
    {
        var table = new PlainTable("ID", "NAME", "KIND", "SECURED", "STATE", "LENGTH", "OLDEST");
        foreach (var queue in queues)
        {
            table.Add(
                ApiCall.Text(queue.Id),
                ApiCall.Text(queue.Name),
                ApiCall.Text(queue.Kind),
                ApiCall.Text(queue.Secured),
                ApiCall.Text(queue.State),
                ApiCall.Text(queue.Length),
                FormatAge(queue.OldestAgeSeconds));
        }

        table.WriteTo(output);
    }

    /// <summary>An age the way the tables show it: <c>4.2s</c>, <c>3m07s</c>, <c>2h05m</c>; <c>-</c> for none.</summary>
    internal static string FormatAge(double seconds)
        => seconds > 0
            ? TimeSpan.FromSeconds(seconds) switch
            {
                { TotalMinutes: < 1 } span => span.TotalSeconds.ToString("0.0s", CultureInfo.InvariantCulture),
                { TotalHours: < 1 } span => $"{span.Minutes}m{span.Seconds:00}s",
                var span => $"{(int)span.TotalHours}h{span.Minutes:00}m",
            }
            : "-";
}
