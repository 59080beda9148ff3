using System.CommandLine;
using System.Globalization;
using MtaActors.Host.Commands;
using MtaActors.Host.Reports;

namespace MtaActors.Host.Scenarios;

/// <summary>
/// <c>mta scenario run FILE [--json] [--http URL --data DIR] [--time-scale X] [--seed N]</c>: runs a fault scenario and checks its
/// invariants over the full history. Exit 0 when every invariant holds, 1 naming the ones that failed, 2 for a
/// scenario file (or options) that cannot be used.
/// </summary>
internal static class ScenarioCommand
{
    public static Command Create(CliConsole console)
        => new("scenario", "Run scripted link-failure scenarios and check invariants over the full history")
        {
            RunCommand(console),
        };

    private static Command RunCommand(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "Scenario file (see config/scenarios/ and docs/scenarios.md)" };
        var http = new Option<Uri?>("--http")
        {
            Description = "Drive this running daemon instead of starting one (kill/restart actions are then refused)",
            HelpName = "URL",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Daemon.SettingValues.TryParseHttpUrl(text, out var url, out var error))
                {
                    return url;
                }

                result.AddError($"--http: {error}");
                return null;
            },
        };
        var data = new Option<string>("--data") { Description = "With --http: the daemon's data folder, whose delivery logs the checks read", HelpName = "DIR" };
        var scale = new Option<double?>("--time-scale")
        {
            Description = "Multiply every time in the scenario (load, baseline, timeline) by X; invariant bounds stay as written",
            HelpName = "X",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x is > 0 and <= 100)
                {
                    return x;
                }

                result.AddError($"--time-scale: expected a number above 0 and at most 100 (got '{text}')");
                return null;
            },
        };
        var seed = new Option<int?>("--seed")
        {
            Description = "Seed of the load's mix and the daemon's fault draws (toxicity, rates, jitter), over the file's; the report gives the one used",
            HelpName = "N",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }

                result.AddError($"--seed: expected a whole number from 0 to {int.MaxValue} (got '{text}')");
                return null;
            },
        };
        var keep = new Option<bool>("--keep") { Description = "Keep the work folder (data, topology copy, daemon.log) and print where it is" };
        var disableDedup = new Option<bool>("--test-disable-dedup") { Hidden = true, Description = "Test only: the child daemon delivers duplicates instead of suppressing them" };
        var json = CliOptions.Json();
        var html = new Option<string?>("--html") { Description = "Also write the run as one self-contained HTML file with charts (throughput, latency, queues, faults) and the invariants", HelpName = "FILE" };
        var command = new Command("run", "Run a scenario: start the daemon, drive load and the timeline, check the invariants")
        {
            file, http, data, scale, seed, keep, disableDedup, json, html,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            ScenarioDefinition scenario;
            try
            {
                scenario = ScenarioLoader.Load(parse.GetRequiredValue(file));
            }
            catch (ScenarioException e)
            {
                return console.Fail(e.Message, ExitCodes.BadUsage);
            }

            var options = new ScenarioRunOptions
            {
                Http = parse.GetValue(http),
                DataDirectory = parse.GetValue(data),
                TimeScale = parse.GetValue(scale) ?? 1,
                Seed = parse.GetValue(seed),
                KeepWorkFolder = parse.GetValue(keep),
                DisableDeduplication = parse.GetValue(disableDedup),
            };
            if (ScenarioRunner.Refusal(scenario, options) is { } refusal)
            {
                return console.Fail(refusal, ExitCodes.BadUsage);
            }

            var asJson = parse.GetValue(json);
            ScenarioResult result;
            try
            {
                result = await new ScenarioRunner(scenario, options, asJson ? TextWriter.Null : console.Out).RunAsync(cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
            {
                return console.Fail($"{scenario.Name}: {e.Message}");
            }

            if (parse.GetValue(html) is { } htmlPath)
            {
                try
                {
                    await HtmlReport.WriteAsync(ScenarioHtmlReport.Build(result), htmlPath, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return console.Fail($"--html {htmlPath}: {e.Message}");
                }
            }

            if (asJson)
            {
                ScenarioReport.WriteJson(result, console.Out);
            }
            else
            {
                console.Out.WriteLine();
                ScenarioReport.WriteText(result, console.Out);
            }

            if (result.Passed)
            {
                return ExitCodes.Success;
            }

            var failed = result.Invariants.Where(i => !i.Passed).ToList();
            return console.Fail($"{scenario.Name}: invariant {string.Join(", ", failed.Select(f => f.Kind))} failed: {failed[0].Evidence}");
        });
        return command;
    }
}
