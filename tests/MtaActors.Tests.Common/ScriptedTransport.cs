using System.Collections.Concurrent;
using MtaActors.Core.Messages;
using MtaActors.Engine.Transports;

namespace MtaActors.Tests.Common;

/// <summary>
/// A transport whose answers a test decides: each call takes the next scripted behaviour (or the default), and every
/// batch it was given is recorded. Behaviours may return an outcome, never answer (hang), or throw (crash the session).
/// </summary>
public sealed class ScriptedTransport : ITransport
{
    private readonly ConcurrentQueue<Func<IReadOnlyList<Envelope>, CancellationToken, Task<TransferOutcome>>> _script = new();

    public ConcurrentQueue<IReadOnlyList<Envelope>> Transfers { get; } = new();

    public Func<IReadOnlyList<Envelope>, CancellationToken, Task<TransferOutcome>> Default { get; set; } = (_, _) => Task.FromResult<TransferOutcome>(TransferOutcome.Success.Clean);

    public ScriptedTransport Then(Func<IReadOnlyList<Envelope>, CancellationToken, Task<TransferOutcome>> behaviour)
    {
        _script.Enqueue(behaviour);
        return this;
    }

    public ScriptedTransport ThenFail(TransferFailure kind) => Then((_, _) => Task.FromResult<TransferOutcome>(new TransferOutcome.Failure(kind, "scripted")));

    public ScriptedTransport ThenHang() => Then(async (_, token) =>
    {
        await Task.Delay(Timeout.Infinite, token);
        return TransferOutcome.Success.Clean;
    });

    public ScriptedTransport ThenCrash() => Then((_, _) => throw new InvalidOperationException("scripted crash"));

    public Task<TransferOutcome> TransferAsync(IReadOnlyList<Envelope> batch, CancellationToken cancellationToken)
    {
        Transfers.Enqueue(batch);
        var behaviour = _script.TryDequeue(out var next) ? next : Default;
        return behaviour(batch, cancellationToken);
    }

    public Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken)
    {
        var behaviour = _script.TryDequeue(out var next) ? next : Default;
        return behaviour([], cancellationToken);
    }
}
