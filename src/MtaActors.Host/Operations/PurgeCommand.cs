using System.CommandLine;
using System.Text.Json;
using Akka.Actor;
using MtaActors.Core.Messages;
using MtaActors.Core.Topology;
using MtaActors.Engine.Hosting;
using MtaActors.Host.Api;
using MtaActors.Host.Client;
using MtaActors.Host.Commands;

namespace MtaActors.Host.Operations;

/// <summary>
/// <c>mta purge --directory-replication --public-folder-replication --link-monitor [--dry-run] [--json]</c>: the
/// <c>mtacheck /rd /rp /rl</c> of Q271905. Live against a daemon (<c>--http</c>, <c>POST /api/purge</c>), or offline
/// on a stopped daemon's data (<c>--data DIR</c>): the engine is started on that journal with every queue held (nothing
/// is delivered, no HTTP API), purges, and stops. Either way removals are journaled and tracked.
/// </summary>
internal static class PurgeCommand
{
    public const string OfflineHold = "offline maintenance (mta purge)";

    private static readonly TimeSpan OfflineStartTimeout = TimeSpan.FromMinutes(2);

    public static Command Create(CliConsole console)
    {
        var directory = new Option<bool>("--directory-replication") { Description = "Directory replication messages (mtacheck /rd)" };
        var publicFolders = new Option<bool>("--public-folder-replication") { Description = "Public folder replication messages (mtacheck /rp)" };
        var linkMonitor = new Option<bool>("--link-monitor") { Description = "Link monitor messages (mtacheck /rl)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Only list what would be removed" };
        var http = CliOptions.DaemonUrl();
        var journal = new JournalOptions();
        var config = new Option<string>("--config") { Description = "With --data: the daemon's topology (default config/topology.json)", HelpName = "FILE" };
        var json = CliOptions.Json();
        var command = new Command("purge", "Remove the system message classes (directory and public folder replication, link monitor) from every queue")
        {
            directory, publicFolders, linkMonitor, dryRun, http, config, json,
        };
        journal.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var classes = new HashSet<MessageClass>();
            if (parse.GetValue(directory))
            {
                classes.Add(MessageClass.DirectoryReplication);
            }

            if (parse.GetValue(publicFolders))
            {
                classes.Add(MessageClass.PublicFolderReplication);
            }

            if (parse.GetValue(linkMonitor))
            {
                classes.Add(MessageClass.LinkMonitor);
            }

            if (classes.Count == 0)
            {
                return console.Fail("purge: name at least one class: --directory-replication, --public-folder-replication or --link-monitor", ExitCodes.BadUsage);
            }

            var offline = Given(parse, "--data") || Given(parse, "--connection") || Given(parse, "--journal");
            if (offline && Given(parse, "--http"))
            {
                return console.Fail("purge: give either --http URL (a running daemon) or --data DIR (a stopped one's data), not both", ExitCodes.BadUsage);
            }

            if (!offline && Given(parse, "--config"))
            {
                return console.Fail("--config: only with --data (a running daemon has its own topology)", ExitCodes.BadUsage);
            }

            PurgeReply reply;
            if (offline)
            {
                if (!journal.TryResolve(parse, out var location, out var error))
                {
                    return console.Fail(error!, ExitCodes.BadUsage);
                }

                Topology topology;
                try
                {
                    topology = TopologyLoader.Load(parse.GetValue(config) ?? "config/topology.json");
                }
                catch (TopologyException e)
                {
                    return console.Fail(e.Message, ExitCodes.BadUsage);
                }

                if (await location.ProbeAsync(writes: !parse.GetValue(dryRun), cancellationToken) is { } damage)
                {
                    return console.Fail(damage.OneLine);
                }

                reply = await PurgeOfflineAsync(location, topology, classes, parse.GetValue(dryRun), cancellationToken);
            }
            else
            {
                using var client = new MtaAdminClient(CliOptions.Daemon(parse, http));
                try
                {
                    var purge = new PurgeContract { Classes = [.. classes.Order().Select(WireNames.Of)], DryRun = parse.GetValue(dryRun) };
                    reply = (await client.PurgeAsync(purge, cancellationToken)).Value;
                }
                catch (DaemonUnreachableException e)
                {
                    return console.Fail(e.Message);
                }
                catch (AdminApiException e)
                {
                    return console.Fail(e.Reason);
                }
            }

            if (parse.GetValue(json))
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(reply, ApiJsonContext.Default.PurgeReply));
                return ExitCodes.Success;
            }

            foreach (var queue in reply.Queues)
            {
                await console.Out.WriteLineAsync($"{queue.Queue}: {(reply.DryRun ? "would remove" : "removed")} {queue.Removed}"
                    + (queue.Removed > 0 ? $" ({string.Join(", ", queue.Messages.Select(m => m.Id))})" : "")
                    + (queue.InFlight.IsEmpty ? "" : $"; {queue.InFlight.Length} on the wire left alone ({string.Join(", ", queue.InFlight)})"));
            }

            await console.Out.WriteLineAsync($"{(reply.DryRun ? "Dry run: would purge" : "Purged")} {reply.Total} messages of {string.Join(", ", reply.Classes)}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static bool Given(ParseResult parse, string option) => parse.Tokens.Any(t => t.Value == option);

    /// <summary>Starts the engine on the stopped daemon's journal with every queue held, purges, and stops it cleanly.</summary>
    private static async Task<PurgeReply> PurgeOfflineAsync(JournalLocation location, Topology topology, IReadOnlySet<MessageClass> classes, bool dryRun, CancellationToken cancellationToken)
    {
        var system = ActorSystem.Create("mta-purge", MtaEngine.Configuration(location.Journal, location.ConnectionString));
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(OfflineStartTimeout);
            var engine = await MtaEngine.StartAsync(
                system,
                new MtaEngineSettings
                {
                    Topology = topology,
                    DataDirectory = location.DataDirectory,
                    Journal = location.Journal,
                    ConnectionString = location.ConnectionString,
                    HoldEverything = OfflineHold,
                },
                timeout.Token);
            var tracking = Tracking.TrackingLogStarter.Start(system, location.DataDirectory);
            var report = PurgeReply.From(await engine.PurgeAsync(classes, dryRun, timeout.Token));

            // The purge events were published before the queues answered: once the log answers this, it has written them.
            await tracking.Ask<ActorIdentity>(new Identify(null), TimeSpan.FromSeconds(10), timeout.Token);
            return report;
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        }
    }
}
