using System.Globalization;
using MtaActors.Host.Client;

namespace MtaActors.Host.Commands;

/// <summary>
/// The shape every client command shares: one bounded call through the <see cref="MtaAdminClient"/>, then either the
/// API's JSON as the daemon sent it (<c>--json</c>) or a readable rendering of the typed reply; an unreachable daemon
/// or an API error becomes one stderr line and exit 1.
/// </summary>
internal static class ApiCall
{
    public static async Task<int> RunAsync<T>(
        CliConsole console,
        DaemonEndpoint daemon,
        bool json,
        Func<MtaAdminClient, CancellationToken, Task<AdminReply<T>>> call,
        Action<T, TextWriter> render,
        CancellationToken cancellationToken)
    {
        using var client = new MtaAdminClient(daemon);
        AdminReply<T> reply;
        try
        {
            reply = await call(client, cancellationToken);
        }
        catch (DaemonUnreachableException e)
        {
            return console.Fail(e.Message);
        }
        catch (AdminApiException e)
        {
            return console.Fail(e.Reason);
        }

        if (json)
        {
            await console.Out.WriteLineAsync(reply.Json);
        }
        else
        {
            render(reply.Value, console.Out);
        }

        return ExitCodes.Success;
    }

    /// <summary>A value as the tables show it: text as it is, a missing one as "-".</summary>
    public static string Text(string? value) => value ?? "-";

    /// <summary>A number as the API writes it (invariant culture).</summary>
    public static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(bool value) => value ? "yes" : "no";
}
