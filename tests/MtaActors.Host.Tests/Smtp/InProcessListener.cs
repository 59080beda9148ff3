using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using MtaActors.Core.Topology;
using MtaActors.Host.Api;
using MtaActors.Host.Smtp;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Smtp;

/// <summary>The SMTP listener on a free loopback port in front of a <see cref="FakeGateway"/>, with the shipped topology's directory.</summary>
internal sealed class InProcessListener : IAsyncDisposable
{
    private readonly SmtpListener _listener;

    private InProcessListener(SmtpListener listener, GatewayHolder holder, FakeGateway gateway, SmtpCounters counters)
    {
        _listener = listener;
        Holder = holder;
        Gateway = gateway;
        Counters = counters;
    }

    public static Topology Topology { get; } = TopologyLoader.Load(RepositoryPaths.File("config/topology.json"));

    public GatewayHolder Holder { get; }

    public FakeGateway Gateway { get; }

    public SmtpCounters Counters { get; }

    public int Port => _listener.LocalEndPoint!.Port;

    /// <summary>Starts it with <paramref name="settings"/> (listening on a free port); <paramref name="started"/> false leaves the engine "starting".</summary>
    public static async Task<InProcessListener> StartAsync(SmtpSettings? settings = null, bool started = true)
    {
        var gateway = new FakeGateway();
        var holder = started ? new GatewayHolder(gateway) : new GatewayHolder();
        var counters = new SmtpCounters();
        var listener = new SmtpListener(
            (settings ?? new SmtpSettings()) with { Listen = new IPEndPoint(IPAddress.Loopback, 0) },
            Topology,
            holder,
            counters,
            TimeProvider.System,
            NullLogger<SmtpListener>.Instance);
        await listener.StartAsync(CancellationToken.None);
        return new InProcessListener(listener, holder, gateway, counters);
    }

    public async ValueTask DisposeAsync() => await _listener.StopAsync(CancellationToken.None);
}
