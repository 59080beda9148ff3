using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MtaActors.Core.Topology;
using MtaActors.Host.Api;
using SmtpServer;
using SmtpServer.ComponentModel;

namespace MtaActors.Host.Smtp;

/// <summary>
/// The daemon's SMTP front door: SmtpServer on the configured endpoint, with the listener's hooks. It binds its port
/// when the daemon starts (a port in use stops the daemon at once, like the admin API's) and answers 421 4.3.2 until
/// the engine has recovered. Stopping cancels the sessions (each hears 421) and waits for them, bounded. Its timeouts
/// run on <c>time</c> (the system clock in the daemon).
/// </summary>
internal sealed class SmtpListener(SmtpSettings settings, Topology topology, GatewayHolder holder, SmtpCounters counters, TimeProvider time, ILogger<SmtpListener> log) : IHostedService
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _socket;
    private Task? _running;

    /// <summary>The address it listens on (the port chosen when the settings said 0); null before start.</summary>
    public IPEndPoint? LocalEndPoint => _socket?.LocalEndpoint as IPEndPoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var endpoint = settings.Listen ?? throw new InvalidOperationException("the SMTP listener is off");
        var socket = new TcpListener(endpoint);
        try
        {
            socket.Start(backlog: 512);
        }
        catch (SocketException e)
        {
            throw new SmtpListenException($"cannot listen for SMTP on {endpoint}: {e.Message}", e);
        }

        _socket = socket;
        var server = topology.Server.Name;
        var admission = new InboundAdmission(topology.Directory, settings, server);
        var services = new ServiceProvider();
        services.Add(new InboundEndpointListener(socket, settings, counters, server, time, log, new InboundFaults(holder, settings, counters, server, time, log)));
        services.Add(new InboundMailboxFilter(holder, admission));
        services.Add(new InboundMessageStore(holder, admission, settings, counters, server, topology.Server.Postmaster.Value, log));
        services.Add(new EsmtpCommandFactory(settings.MaxMessageBytes));

        var options = new SmtpServerOptionsBuilder()
            .ServerName(server)
            .Endpoint(builder =>
            {
                builder.Endpoint(LocalEndPoint!)
                    // Backstop only: the connection guard enforces the session limit first, with RFC 5321's reply.
                    .SessionTimeout(settings.SessionTimeout + TimeSpan.FromSeconds(30));
                if (settings.Certificate is { } certificate)
                {
                    builder.Certificate(certificate).SupportedSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13);
                }
            })
            // Backstop only, like the session limit.
            .CommandWaitTimeout(Max(settings.CommandTimeout, settings.DataTimeout) + TimeSpan.FromSeconds(30))
            // SIZE= above this is refused at MAIL FROM; the data itself is measured by the connection guard.
            .MaxMessageSize(settings.MaxMessageBytes, MaxMessageSizeHandling.Ignore)
            // SmtpServer ends a session after this many refusals in a row; every refused recipient counts as one, and
            // a client may be refused every recipient beyond the limit (452) without having misbehaved.
            .MaxRetryCount(settings.MaxRecipients + 20)
            .CustomSmtpGreeting(_ => $"220 {server} ESMTP MtaActors ready")
            .Build();

        var smtp = new SmtpServer.SmtpServer(options, services);
        smtp.SessionFaulted += (_, e) => log.LogDebug(e.Exception, "SMTP session ended by a fault: {Reason}", e.Exception.Message);
        _running = Task.Run(() => smtp.StartAsync(_stopping.Token), CancellationToken.None);
        log.LogInformation("SMTP listener on {Endpoint}; relaying for {RelayNetworks}; STARTTLS {Tls}", LocalEndPoint, string.Join(", ", settings.RelayNetworks), settings.Certificate is null ? "off" : "on");
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket?.Stop();
        if (_running is { } running)
        {
            try
            {
                await running.WaitAsync(StopTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                log.LogWarning("SMTP sessions still open {Seconds} s after the stop; abandoning them", StopTimeout.TotalSeconds);
            }
            catch (OperationCanceledException)
            {
                // The host gave up waiting first.
            }
        }

        _stopping.Dispose();
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
