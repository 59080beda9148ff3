using System.Diagnostics;
using System.Text;

namespace MtaActors.Host.Tests.Smtp;

/// <summary>
/// swaks (the Swiss Army Knife for SMTP, Debian package <c>swaks</c>) as a child process: a client nobody here wrote.
/// <see cref="Replies"/> are the server's reply lines as swaks printed them, without its arrows.
/// </summary>
internal sealed record Swaks(int ExitCode, string Output)
{
    public IReadOnlyList<string> Replies => [.. Output.Split('\n')
        .Select(line => line.TrimEnd('\r'))
        // "<-" a reply, "<**" a refusal; "<~" and "<~*" the same over TLS.
        .Where(line => line.StartsWith("<-", StringComparison.Ordinal) || line.StartsWith("<*", StringComparison.Ordinal) || line.StartsWith("<~", StringComparison.Ordinal))
        .Select(line => line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim())];

    public static async Task<Swaks> RunAsync(int port, params string[] arguments)
    {
        var info = new ProcessStartInfo("swaks")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--server", $"127.0.0.1:{port}", "--timeout", "20" }.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start swaks");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(bound.Token);
        output.Append(await stdout).Append(await stderr);
        return new Swaks(process.ExitCode, output.ToString());
    }
}
