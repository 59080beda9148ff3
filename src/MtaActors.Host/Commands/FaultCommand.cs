using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using MtaActors.Host.Client;

namespace MtaActors.Host.Commands;

/// <summary>
/// <c>mta fault set|clear|list</c>: the daemon's fault switchboard. Parameters are checked by the daemon (the same
/// parser as fault scenario files), so the command line and the API can never disagree about what a fault means.
/// </summary>
internal static class FaultCommand
{
    public static Command Create(CliConsole console)
        => new("fault", "Inject, clear and list link faults (down, hang, latency, bandwidth, error-rate, flap, corrupt, reset, crash)")
        {
            SetCommand(console),
            ClearCommand(console),
            ListCommand(console),
            SeedCommand(console),
        };

    private static Command SetCommand(CliConsole console)
    {
        var link = new Argument<string>("LINK") { Description = "Link (or local-store) to fault" };
        var kind = new Argument<string>("KIND") { Description = "down, hang, latency, bandwidth, error-rate, flap, corrupt, reset or crash" };
        var latency = CliOptions.WholeNumber("--latency-ms", "latency: added delay per transfer");
        var jitter = CliOptions.WholeNumber("--jitter-ms", "latency: random extra delay, up to this");
        var bandwidth = CliOptions.WholeNumber("--bytes-per-second", "bandwidth: transfer rate", 1);
        var rate = CliOptions.Fraction("--rate", "error-rate, corrupt, reset: share of transfers affected, 0 to 1");
        var up = CliOptions.WholeNumber("--up-ms", "flap: how long the link stays up", 1);
        var down = CliOptions.WholeNumber("--down-ms", "flap: how long the link stays down", 1);
        var toxicity = CliOptions.Fraction("--toxicity", "any kind: share of transfers (or connections) the fault applies to, 0 to 1 (default 1)");
        var persist = new Option<bool>("--persist") { Description = "any kind: keep the fault across a daemon restart, kill -9 included" };
        var subject = new Option<string>("--subject") { Description = "crash: only transfers carrying a message whose subject contains this", HelpName = "TEXT" };
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("set", "Set a fault on a link, replacing one of the same kind")
        {
            link, kind, latency, jitter, bandwidth, rate, up, down, subject, toxicity, persist, http, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var fault = new JsonObject { ["kind"] = parse.GetRequiredValue(kind) };
            AddIfSet(fault, "latencyMs", parse.GetValue(latency));
            AddIfSet(fault, "jitterMs", parse.GetValue(jitter));
            AddIfSet(fault, "bytesPerSecond", parse.GetValue(bandwidth));
            AddIfSet(fault, "upMs", parse.GetValue(up));
            AddIfSet(fault, "downMs", parse.GetValue(down));
            if (parse.GetValue(subject) is { } text)
            {
                fault["subject"] = text;
            }

            if (parse.GetValue(rate) is { } share)
            {
                fault["rate"] = share;
            }

            if (parse.GetValue(toxicity) is { } probability)
            {
                fault["toxicity"] = probability;
            }

            if (parse.GetValue(persist))
            {
                fault["persist"] = true;
            }

            var name = parse.GetRequiredValue(link);
            return ApiCall.RunAsync(
                console,
                CliOptions.Daemon(parse, http),
                parse.GetValue(json),
                (client, ct) => client.SetFaultAsync(name, fault, ct),
                (faults, output) => RenderLink(name, faults, output),
                cancellationToken);
        });
        return command;
    }

    private static Command ClearCommand(CliConsole console)
    {
        var link = new Argument<string>("LINK") { Description = "Link to clear" };
        var kind = new Argument<string?>("KIND") { Description = "Clear only this kind (default: every fault of the link)", Arity = ArgumentArity.ZeroOrOne };
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("clear", "Clear one kind of fault, or all faults, on a link") { link, kind, http, json };
        command.SetAction((parse, cancellationToken) =>
        {
            var name = parse.GetRequiredValue(link);
            var only = parse.GetValue(kind) is { Length: > 0 } given ? given : null;
            return ApiCall.RunAsync(
                console,
                CliOptions.Daemon(parse, http),
                parse.GetValue(json),
                (client, ct) => client.ClearFaultsAsync(name, only, ct),
                (faults, output) => RenderLink(name, faults, output),
                cancellationToken);
        });
        return command;
    }

    private static Command ListCommand(CliConsole console)
    {
        var link = new Argument<string?>("LINK") { Description = "Only this link (default: every link with faults)", Arity = ArgumentArity.ZeroOrOne };
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("list", "List the faults set on one link or on every link") { link, http, json };
        command.SetAction((parse, cancellationToken) =>
        {
            var name = parse.GetValue(link);
            var daemon = CliOptions.Daemon(parse, http);
            return name is null
                ? ApiCall.RunAsync(console, daemon, parse.GetValue(json), (client, ct) => client.FaultsAsync(ct), RenderAll, cancellationToken)
                : ApiCall.RunAsync(console, daemon, parse.GetValue(json), (client, ct) => client.LinkFaultsAsync(name, ct), (faults, output) => RenderLink(name, faults, output), cancellationToken);
        });
        return command;
    }

    private static Command SeedCommand(CliConsole console)
    {
        var seed = new Argument<int?>("SEED") { Description = "Start every link's random draws again from this seed (default: show the seed in use)", Arity = ArgumentArity.ZeroOrOne };
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("seed", "Show or set the seed of the switchboard's random draws (toxicity, rates, jitter), to replay a run") { seed, http, json };
        command.SetAction((parse, cancellationToken) =>
        {
            var given = parse.GetValue(seed);
            return ApiCall.RunAsync(
                console,
                CliOptions.Daemon(parse, http),
                parse.GetValue(json),
                (client, ct) => given is { } value ? client.SetFaultSeedAsync(value, ct) : client.FaultSeedAsync(ct),
                (answer, output) => output.WriteLine($"seed {answer.Seed}"),
                cancellationToken);
        });
        return command;
    }

    internal static void RenderLink(string link, IReadOnlyList<Dictionary<string, JsonElement>> faults, TextWriter output)
    {
        var table = NewTable();
        AddRows(table, link, faults);
        Write(table, output, $"no faults on {link}");
    }

    internal static void RenderAll(IReadOnlyList<LinkFaults> links, TextWriter output)
    {
        var table = NewTable();
        foreach (var entry in links)
        {
            AddRows(table, entry.Link, entry.Faults);
        }

        Write(table, output, "no faults on any link");
    }

    private static PlainTable NewTable() => new("LINK", "KIND", "PARAMETERS");

    private static void AddRows(PlainTable table, string link, IReadOnlyList<Dictionary<string, JsonElement>> faults)
    {
        foreach (var fault in faults)
        {
            // The parameters as the daemon wrote them: which ones a kind has is the switchboard's business.
            var parameters = fault.Where(parameter => parameter.Key != "kind").Select(parameter => $"{parameter.Key}={parameter.Value.GetRawText()}");
            var kind = fault.TryGetValue("kind", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString() : null;
            table.Add(link, ApiCall.Text(kind), string.Join(" ", parameters));
        }
    }

    private static void Write(PlainTable table, TextWriter output, string whenEmpty)
    {
        if (table.Count == 0)
        {
            output.WriteLine(whenEmpty);
        }
        else
        {
            table.WriteTo(output);
        }
    }

    private static void AddIfSet(JsonObject fault, string name, long? value)
    {
        if (value is { } number)
        {
            fault[name] = number;
        }
    }
}
