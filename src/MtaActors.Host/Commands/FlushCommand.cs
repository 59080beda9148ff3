using System.CommandLine;
using System.Globalization;

namespace MtaActors.Host.Commands;

/// <summary>
/// <c>mta flush LINK [--recipient ADDR] [--timeout SECONDS]</c>: asks a link to deliver now what it holds (KB924567).
/// The daemon bounds the wait; the command prints the outcome and exits 0 whenever the daemon answered, whatever the
/// outcome ("disabled" and "timeout" are answers, not errors).
/// </summary>
internal static class FlushCommand
{
    public static Command Create(CliConsole console)
    {
        var link = new Argument<string>("LINK") { Description = "Link (or local-store) to flush" };
        var recipient = new Option<string>("--recipient") { Description = "Only the messages for this recipient (default: everything the link holds)", HelpName = "ADDR" };
        var timeout = new Option<double?>("--timeout")
        {
            Description = "Longest wait in seconds (default 5, at most 60)",
            HelpName = "SECONDS",
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 60)
                {
                    return seconds;
                }

                result.AddError($"--timeout: expected seconds, more than 0 and at most 60 (got '{text}')");
                return null;
            },
        };
        var http = CliOptions.DaemonUrl();
        var json = CliOptions.Json();
        var command = new Command("flush", "Deliver now what a link holds (for one recipient or all), bounded by a short timeout")
        {
            link, recipient, timeout, http, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var name = parse.GetRequiredValue(link);
            var bound = parse.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var only = parse.GetValue(recipient) is { Length: > 0 } address ? address : null;
            return ApiCall.RunAsync(
                console,
                CliOptions.Daemon(parse, http),
                parse.GetValue(json),
                (client, ct) => client.FlushAsync(name, only, bound, ct),
                (report, output) => output.WriteLine(
                    $"{ApiCall.Text(report.Link)}: {ApiCall.Text(report.Outcome)} (state {ApiCall.Text(report.State)}; "
                    + $"requested {ApiCall.Text(report.Requested)}, delivered {ApiCall.Text(report.Delivered)}, remaining {ApiCall.Text(report.Remaining)})"),
                cancellationToken);
        });
        return command;
    }
}
