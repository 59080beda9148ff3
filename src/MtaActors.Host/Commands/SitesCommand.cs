using System.CommandLine;
using MtaActors.Engine.Delivery;

namespace MtaActors.Host.Commands;

/// <summary>
/// <c>mta sites</c>: what each simulated remote site and the local store received and delivered. The last
/// column says whether delivery there was exactly once (delivered equals distinct).
/// </summary>
internal static class SitesCommand
{
    public static Command Create(CliConsole console)
    {
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("sites", "Show what each remote site and the local store received and delivered") { http, json };
        command.SetAction((parse, cancellationToken) => ApiCall.RunAsync(
            console,
            CliOptions.Daemon(parse, http),
            parse.GetValue(json),
            (client, ct) => client.SitesAsync(ct),
            Render,
            cancellationToken));
        return command;
    }

    internal static void Render(IReadOnlyList<SiteCounters> sites, TextWriter output)
    {
        var table = new PlainTable("SITE", "RECEIVED", "DELIVERED", "DISTINCT", "DUPLICATES", "EXACTLY-ONCE");
        foreach (var site in sites)
        {
            table.Add(
                ApiCall.Text(site.Name),
                ApiCall.Text(site.Received),
                ApiCall.Text(site.Delivered),
                ApiCall.Text(site.Distinct),
                ApiCall.Text(site.DuplicatesSuppressed),
                site.Delivered == site.Distinct ? "yes" : "NO");
        }

        table.WriteTo(output);
    }
}
