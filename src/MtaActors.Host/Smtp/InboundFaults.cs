using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using MtaActors.Engine.Faults;
using MtaActors.Host.Api;

namespace MtaActors.Host.Smtp;

/// <summary>
/// Applies the faults set on the <c>smtp-listener</c> pseudo-link (see <see cref="ListenerFaults"/>) to each accepted
/// connection, before the session limits and before SmtpServer sees it; one draw per connection, so toxicity and the
/// switchboard's seed hold. Nothing here waits in the accept loop: a hung or refused connection is handled on its own task.
/// </summary>
internal sealed class InboundFaults(GatewayHolder holder, SmtpSettings settings, SmtpCounters counters, string server, TimeProvider time, ILogger log)
{
    /// <summary>
    /// Takes the connection when a fault refuses or hangs it (true: the caller forgets it); otherwise answers the stream
    /// the session runs over, slowed when a latency fault applies.
    /// </summary>
    public bool TryTake(TcpClient client, ref Stream network, CancellationToken stopping)
    {
        if (holder.Gateway?.Faults is not { IsEmpty: false } switchboard)
        {
            return false;
        }

        var draw = switchboard.Draw(ListenerFaults.Name);
        if (draw.IsEmpty)
        {
            return false;
        }

        if (draw.Find<DownFault>() is not null || IsFlapDown(draw))
        {
            counters.ConnectionRefused();
            log.LogInformation("SMTP connection from {Client} reset: injected fault on {Listener}", client.Client.RemoteEndPoint, ListenerFaults.Name);
            Reset(client);
            return true;
        }

        if (draw.Find<HangFault>() is not null)
        {
            _ = HoldAsync(client, stopping);
            return true;
        }

        if (draw.Find<ErrorRateFault>() is { } errorRate && draw.Dice.Roll(errorRate.Rate))
        {
            counters.ConnectionRefused();
            counters.Refused(421);
            _ = RefuseAsync(client);
            return true;
        }

        if (draw.Find<LatencyFault>() is { } latency)
        {
            var dice = draw.Dice;
            network = new DelayedWriteStream(network, () => latency.DelayFor(dice), time);
        }

        return false;
    }

    private bool IsFlapDown(FaultDraw draw)
        => draw.Faults.Any(active => active.Spec is FlapFault flap && flap.IsDownAfter(time.GetUtcNow() - active.Since));

    /// <summary>A refused connection, as near as an accepted socket gets: closed with RST, nothing said.</summary>
    private static void Reset(TcpClient client)
    {
        try
        {
            client.LingerState = new LingerOption(enable: true, seconds: 0);
        }
        catch (SocketException)
        {
            // Already gone: closing is all that is left.
        }

        client.Dispose();
    }

    /// <summary>Connected and never greeted, until the client gives up, the session limit passes or the listener stops.</summary>
    private async Task HoldAsync(TcpClient client, CancellationToken stopping)
    {
        using (client)
        {
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            bound.CancelAfter(settings.SessionTimeout);
            var sink = new byte[512];
            try
            {
                var stream = client.GetStream();
                while (await stream.ReadAsync(sink, bound.Token).ConfigureAwait(false) > 0)
                {
                    // What the client says is never answered.
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client left, or the bound passed: either way the connection ends here.
            }
        }
    }

    private async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(SmtpReplies.InjectedRefusal(server) + "\r\n"), bound.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client went away first; nothing more to tell it.
            }
        }
    }
}
