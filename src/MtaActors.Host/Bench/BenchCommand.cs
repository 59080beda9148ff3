using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MtaActors.Core.Topology;
using MtaActors.Engine.Gateway;
using MtaActors.Engine.Hosting;
using MtaActors.Host.Commands;
using MtaActors.Host.Daemon;
using MtaActors.Host.Reports;
using Spectre.Console;
using MtaActors.Host.Client;

namespace MtaActors.Host.Bench;

/// <summary>
/// <c>mta bench</c>: the macro benchmark. Drives a load through the actor engine in-process (or the synchronous
/// baseline, or a daemon over HTTP) and reports throughput, latency percentiles, per-link figures, peak work-queue
/// length, memory and GC counts; <c>--compare</c> runs the load without and with <c>--fault</c> side by side.
/// Exit 0 when every message aimed at a healthy link was delivered (for a comparison: in every actor-engine run),
/// 1 otherwise, 2 on bad usage. Options and figures: docs/bench.md.
/// </summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var messages = CliOptions.WholeNumber("--messages", "Messages to send per run (default 10000)", 1, 50_000_000);
        var size = CliOptions.WholeNumber("--size", "Message size in bytes (default 1024)", 0, 10_000_000);
        var batch = CliOptions.WholeNumber("--batch", "Messages per submission (default 100)", 1, 10_000);
        var inFlight = CliOptions.WholeNumber("--in-flight", "Submissions awaiting acceptance at once (default 4)", 1, 1024);
        var rate = CliOptions.WholeNumber("--rate", "Offer this many messages per second instead of a closed loop", 1);
        var links = CliOptions.WholeNumber("--links", "Links of the generated topology (default 6)", 1, 10_000);
        var secured = CliOptions.Fraction("--secured-fraction", "Share of generated links that are secured gateways (default 0)");
        var mix = new Option<string>("--priority-mix") { Description = "Weights urgent:normal:non-urgent (default 0:1:0)", HelpName = "U:N:NU" };
        var journal = CliOptions.Choice<JournalKind>("--journal", "memory (default), sqlite or postgres", "KIND", SettingValues.TryParseJournal);
        var connection = new Option<string>("--connection") { Description = "Journal connection string (required for postgres)", HelpName = "STRING" };
        var data = new Option<string>("--data") { Description = "Keep each run's journal and delivery logs under this folder (default: a temporary folder, removed)", HelpName = "DIR" };
        var config = new Option<string>("--config") { Description = "Load this topology file instead of generating one", HelpName = "FILE" };
        var fault = new Option<string[]>("--fault") { Description = "Set a fault for the run, e.g. x400-1:hang, or *:down on every link (repeatable)", HelpName = "LINK:KIND", AllowMultipleArgumentsPerToken = false };
        var compare = new Option<bool>("--compare") { Description = "Run without and then with the faults, side by side" };
        var repeat = CliOptions.WholeNumber("--repeat", "Pairs to run with --compare; the median ratio is reported (default 1)", 1, 100);
        var warmup = CliOptions.WholeNumber("--warmup", "Messages of an unmeasured run first (default 0)", 0, 50_000_000);
        var engine = CliOptions.Choice<BenchEngine>("--engine", "actor (default) or sync (the synchronous baseline)", "ENGINE", TryParseEngine);
        var baseline = CliOptions.Choice<BenchEngine>("--baseline", "With --compare: also run this engine (sync) beside the actor engine", "ENGINE", TryParseEngine);
        var http = new Option<string>("--http") { Description = "Drive a running daemon at this URL instead of an in-process engine", HelpName = "URL" };
        var smtp = new Option<string>("--smtp") { Description = "With --http: submit over SMTP to the daemon's listener at this address instead of the admin API", HelpName = "HOST:PORT" };
        var sessions = CliOptions.WholeNumber("--sessions", "With --smtp: concurrent SMTP sessions (default 20)", 1, 1024);
        var perSession = CliOptions.WholeNumber("--per-session", "With --smtp: messages per session, 1 for one per connection (default 10)", 1, 10_000);
        var transferTimeout = CliOptions.WholeNumber("--transfer-timeout", "Transfer timeout and retry interval of generated links, ms (default 1000)", 10, 3_600_000);
        var timeout = CliOptions.WholeNumber("--timeout", "Longest a run may take, seconds (default 120)", 1, 86_400);
        var json = new Option<bool>("--json") { Description = "Print the report as a JSON document" };
        var metrics = new Option<bool>("--metrics") { Description = "Run with the metrics export listening and scraped every second, as a daemon's (to measure what metrics cost)" };
        var html = new Option<string?>("--html") { Description = "Also write the run as one self-contained HTML file with charts over time", HelpName = "FILE" };

        var command = new Command("bench", "Run a load benchmark (throughput, latency, isolation of a faulted link)")
        {
            messages, size, batch, inFlight, rate, links, secured, mix, journal, connection, data, config, fault, compare,
            repeat, warmup, engine, baseline, http, smtp, sessions, perSession, transferTimeout, timeout, json, html, metrics,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            BenchOptions options;
            Topology topology;
            try
            {
                options = new BenchOptions
                {
                    Messages = (int)(parse.GetValue(messages) ?? 10_000),
                    SizeBytes = (int)(parse.GetValue(size) ?? 1024),
                    Batch = (int)(parse.GetValue(batch) ?? 100),
                    InFlight = (int)(parse.GetValue(inFlight) ?? 4),
                    Rate = parse.GetValue(rate),
                    Links = (int)(parse.GetValue(links) ?? 6),
                    SecuredFraction = parse.GetValue(secured) ?? 0,
                    PriorityMix = ParseMix(parse.GetValue(mix)),
                    Journal = parse.GetValue(journal) ?? JournalKind.Memory,
                    Connection = parse.GetValue(connection),
                    DataDirectory = parse.GetValue(data),
                    ConfigFile = parse.GetValue(config),
                    Faults = [.. (parse.GetValue(fault) ?? []).Select(ParseFault)],
                    Compare = parse.GetValue(compare),
                    Repeat = (int)(parse.GetValue(repeat) ?? 1),
                    Warmup = (int)(parse.GetValue(warmup) ?? 0),
                    Engine = parse.GetValue(engine) ?? BenchEngine.Actor,
                    Baseline = parse.GetValue(baseline),
                    Http = ParseUrl(parse.GetValue(http)),
                    TransferTimeout = TimeSpan.FromMilliseconds(parse.GetValue(transferTimeout) ?? 1000),
                    Timeout = TimeSpan.FromSeconds(parse.GetValue(timeout) ?? 120),
                    Json = parse.GetValue(json),
                    Metrics = parse.GetValue(metrics),
                };
                options = WithSmtp(options, parse.GetValue(smtp), parse.GetValue(sessions), parse.GetValue(perSession), parse.GetResult(batch) is not null, parse.GetResult(inFlight) is not null);
                topology = Validate(options);
                options = options with { Faults = LinkFault.Expand(options.Faults, LoadPlan.DiscoverTargets(topology).Select(t => t.Link)) };
            }
            catch (BenchUsageException e)
            {
                return console.Fail(e.Message, ExitCodes.BadUsage);
            }

            var terminal = !options.Json && ReferenceEquals(console.Out, Console.Out) && !Console.IsOutputRedirected;
            var ansi = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(console.Out),
                Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
            });
            BenchReport report;
            try
            {
                report = terminal
                    ? await RunWithProgressAsync(ansi, options, topology, cancellationToken)
                    : await new BenchSession(options, topology, null).RunAsync(cancellationToken);
            }
            catch (BenchUsageException e)
            {
                return console.Fail(e.Message, ExitCodes.BadUsage);
            }
            catch (Exception e) when (e is BenchFailedException or DaemonUnreachableException or MtaUnavailableException)
            {
                return console.Fail(e.Message);
            }

            if (parse.GetValue(html) is { } htmlPath)
            {
                try
                {
                    await HtmlReport.WriteAsync(BenchHtmlReport.Build(report), htmlPath, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return console.Fail($"--html {htmlPath}: {e.Message}");
                }
            }

            if (options.Json)
            {
                await console.Out.WriteLineAsync(JsonSerializer.Serialize(report, BenchJsonContext.Default.BenchReport));
            }
            else
            {
                BenchReportWriter.Write(ansi, report);
            }

            var complete = report.Run?.HealthyComplete
                ?? report.Comparisons!.Where(c => c.Engine != "sync").SelectMany(c => c.Pairs).All(p => p.NoFault.HealthyComplete && p.WithFault.HealthyComplete);
            return complete ? ExitCodes.Success : ExitCodes.Failed;
        });
        return command;
    }

    private static async Task<BenchReport> RunWithProgressAsync(IAnsiConsole ansi, BenchOptions options, Topology topology, CancellationToken cancellationToken)
    {
        BenchReport? report = null;
        await ansi.Progress().AutoClear(true).StartAsync(async context =>
        {
            var tasks = new Dictionary<string, (ProgressTask Submitted, ProgressTask Delivered)>();
            void Update(RunProgress p)
            {
                lock (tasks)
                {
                    if (!tasks.TryGetValue(p.Label, out var bars))
                    {
                        bars = (context.AddTask($"{p.Label}: submitted", maxValue: p.Messages), context.AddTask($"{p.Label}: delivered", maxValue: p.Messages));
                        tasks[p.Label] = bars;
                    }

                    bars.Submitted.Value = p.Submitted;
                    bars.Delivered.Value = p.Delivered;
                }
            }

            report = await new BenchSession(options, topology, Update).RunAsync(cancellationToken);
            foreach (var (submitted, delivered) in tasks.Values)
            {
                submitted.StopTask();
                delivered.StopTask();
            }
        });
        return report!;
    }

    /// <summary>Checks what the parser cannot see alone, and loads or generates the topology.</summary>
    private static Topology Validate(BenchOptions options)
    {
        if (options.Journal == JournalKind.Postgres && options.Connection is null)
        {
            throw new BenchUsageException("--connection: required when --journal is postgres");
        }

        if (options.Http is not null && options.Metrics)
        {
            throw new BenchUsageException("--metrics: measures the in-process engine with its exporter; over --http the daemon exports its own (GET /metrics)");
        }

        if (options.Http is not null && (options.Engine == BenchEngine.Sync || options.Baseline is not null))
        {
            throw new BenchUsageException("--http: drives the daemon's actor engine; it cannot be combined with --engine sync or --baseline");
        }

        if (options.Compare && options.Faults.Count == 0)
        {
            throw new BenchUsageException("--compare: needs at least one --fault to compare against");
        }

        if (options.Baseline == BenchEngine.Actor)
        {
            throw new BenchUsageException("--baseline: the actor engine is always measured; the baseline can only be sync");
        }

        Topology topology;
        if (options.ConfigFile is { } file)
        {
            if (!File.Exists(file))
            {
                throw new BenchUsageException($"{file}: topology file not found");
            }

            try
            {
                topology = TopologyLoader.Load(file);
            }
            catch (TopologyException e)
            {
                throw new BenchUsageException(e.Message);
            }
        }
        else if (options.Http is not null)
        {
            throw new BenchUsageException("--http: also give --config with the daemon's topology file, so the load can be aimed at its links");
        }
        else
        {
            topology = BenchTopology.Generate(options.Links, options.SecuredFraction, options.TransferTimeout);
        }

        var targets = LoadPlan.DiscoverTargets(topology);
        foreach (var fault in options.Faults.Where(f => !f.IsEveryLink))
        {
            if (topology.FindLink(fault.Link) is null)
            {
                throw new BenchUsageException($"--fault: unknown link '{fault.Link}' (links: {string.Join(", ", topology.Links.Select(l => l.Name))})");
            }

            if (!targets.Any(t => string.Equals(t.Link, fault.Link, StringComparison.OrdinalIgnoreCase)))
            {
                throw new BenchUsageException($"--fault: link '{fault.Link}' carries none of the load (no SMTP recipient routes to it first)");
            }
        }

        return topology;
    }

    /// <summary>
    /// <c>--smtp</c> with its own words for the submission shape: <c>--per-session</c> messages per session (the batch)
    /// and <c>--sessions</c> at once (in flight); the admin API's <c>--batch</c>/<c>--in-flight</c> do not apply to it.
    /// </summary>
    private static BenchOptions WithSmtp(BenchOptions options, string? smtp, long? sessions, long? perSession, bool batchGiven, bool inFlightGiven)
    {
        if (smtp is null)
        {
            return sessions is not null || perSession is not null
                ? throw new BenchUsageException($"{(sessions is not null ? "--sessions" : "--per-session")}: applies only with --smtp")
                : options;
        }

        if (!Smtp.SmtpSettingsReader.TryParseListen(smtp, out var endpoint, out _) || endpoint is null || endpoint.Port == 0)
        {
            throw new BenchUsageException($"--smtp: expected the listener's HOST:PORT such as 127.0.0.1:2525 (got '{smtp}')");
        }

        if (options.Http is null)
        {
            throw new BenchUsageException("--smtp: also give --http with the daemon's admin URL, where the deliveries are counted");
        }

        if (batchGiven || inFlightGiven)
        {
            throw new BenchUsageException($"{(batchGiven ? "--batch" : "--in-flight")}: not with --smtp; use {(batchGiven ? "--per-session" : "--sessions")}");
        }

        return options with { Smtp = endpoint, Batch = (int)(perSession ?? 10), InFlight = (int)(sessions ?? 20) };
    }

    private static PriorityMix ParseMix(string? text)
    {
        if (text is null)
        {
            return PriorityMix.AllNormal;
        }

        return PriorityMix.TryParse(text, out var mix, out var error) ? mix! : throw new BenchUsageException($"--priority-mix: {error}");
    }

    private static LinkFault ParseFault(string text)
        => LinkFault.TryParse(text, out var fault, out var error) ? fault : throw new BenchUsageException($"--fault: {error}");

    private static Uri? ParseUrl(string? text)
    {
        if (text is null)
        {
            return null;
        }

        return SettingValues.TryParseHttpUrl(text, out var url, out var error) ? url : throw new BenchUsageException($"--http: {error}");
    }

    private static bool TryParseEngine(string text, out BenchEngine engine, out string? error)
    {
        switch (text.ToLowerInvariant())
        {
            case "actor":
                engine = BenchEngine.Actor;
                error = null;
                return true;
            case "sync":
                engine = BenchEngine.Sync;
                error = null;
                return true;
            default:
                engine = default;
                error = string.Create(CultureInfo.InvariantCulture, $"expected actor or sync (got '{text}')");
                return false;
        }
    }
}
