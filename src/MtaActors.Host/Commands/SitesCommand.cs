using System.CommandLine;
using System.Text.Json;

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
            (client, ct) => client.GetAsync("api/sites", ct),
            Render,
            cancellationToken));
        return command;
    }

    internal static void Render(JsonElement sites, TextWriter output)
    {
        var table = new PlainTable("SITE", "RECEIVED", "DELIVERED", "DISTINCT", "DUPLICATES", "EXACTLY-ONCE");
        foreach (var site in sites.EnumerateArray())
        {
            table.Add(
                ApiCall.Text(site, "name"),
                ApiCall.Text(site, "received"),
                ApiCall.Text(site, "delivered"),
                ApiCall.Text(site, "distinct"),
                ApiCall.Text(site, "duplicatesSuppressed"),
                ApiCall.Number(site, "delivered") == ApiCall.Number(site, "distinct") ? "yes" : "NO");
        }

        table.WriteTo(output);
    }
}
