using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;

namespace MtaActors.Host.Smtp;

/// <summary>
/// Accepts connections for SmtpServer on a socket the listener bound before the daemon reported itself started (so
/// that a port in use stops the daemon at once), enforces the session limits overall and per client address (a
/// connection beyond them hears 421 4.7.0 and is closed before SmtpServer sees it), and puts each accepted connection
/// behind its guard. SmtpServer has no session limits of its own.
/// </summary>
internal sealed class InboundEndpointListener : IEndpointListenerFactory, IEndpointListener
{
    private readonly TcpListener _socket;
    private readonly SmtpSettings _settings;
    private readonly SmtpCounters _counters;
    private readonly string _server;
    private readonly TimeProvider _time;
    private readonly ILogger _log;
    private readonly InboundFaults _faults;
    private readonly ConcurrentDictionary<IPAddress, int> _perClient = new();
    private int _sessions;

    public InboundEndpointListener(TcpListener socket, SmtpSettings settings, SmtpCounters counters, string server, TimeProvider time, ILogger log, InboundFaults faults)
    {
        _faults = faults;
        _socket = socket;
        _settings = settings;
        _counters = counters;
        _server = server;
        _time = time;
        _log = log;
    }

    /// <summary>Sessions open now.</summary>
    public int OpenSessions => Volatile.Read(ref _sessions);

    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition) => this;

    public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            var client = await _socket.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            Stream network = client.GetStream();
            if (_faults.TryTake(client, ref network, cancellationToken))
            {
                continue;
            }

            var remote = (IPEndPoint)client.Client.RemoteEndPoint!;
            var session = new InboundSession(remote.Address);
            if (!TryAdmit(session.Client))
            {
                // Not awaited: a client that does not read must not hold up the accept loop (the write is bounded).
                _ = RefuseAsync(client, session.Client);
                continue;
            }

            _counters.SessionStarted();
            client.NoDelay = true;
            context.Properties[EndpointListener.LocalEndPointKey] = _socket.LocalEndpoint;
            context.Properties[EndpointListener.RemoteEndPointKey] = remote;
            session.Attach(context);
            var stream = new InboundConnectionStream(network, session, _settings, _counters, _server, _time, _log);
            return new InboundPipe(network, stream, _settings.CommandTimeout, () =>
            {
                client.Dispose();
                Release(session.Client);
            });
        }
    }

    public void Dispose()
    {
        // The socket belongs to the listener service, which stops it; SmtpServer disposes this at every stop.
    }

    private bool TryAdmit(IPAddress client)
    {
        if (Interlocked.Increment(ref _sessions) > _settings.MaxSessions)
        {
            Interlocked.Decrement(ref _sessions);
            return false;
        }

        if (_perClient.AddOrUpdate(client, 1, (_, n) => n + 1) > _settings.MaxSessionsPerClient)
        {
            Release(client);
            return false;
        }

        return true;
    }

    private void Release(IPAddress client)
    {
        Interlocked.Decrement(ref _sessions);
        _perClient.AddOrUpdate(client, 0, (_, n) => n - 1);
        _perClient.TryRemove(new KeyValuePair<IPAddress, int>(client, 0));
    }

    private async Task RefuseAsync(TcpClient client, IPAddress address)
    {
        _counters.ConnectionRefused();
        _counters.Refused(421);
        _log.LogInformation("SMTP connection from {Client} refused: session limit ({MaxSessions} overall, {MaxPerClient} per client)", address, _settings.MaxSessions, _settings.MaxSessionsPerClient);
        using (client)
        {
            try
            {
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(SmtpReplies.TooManySessions(_server) + "\r\n"), bound.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // The client went away first; nothing more to tell it.
            }
        }
    }
}
