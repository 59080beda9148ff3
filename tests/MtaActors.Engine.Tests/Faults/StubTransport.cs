using MtaActors.Core.Messages;
using MtaActors.Engine.Transports;

namespace MtaActors.Engine.Tests.Faults;

/// <summary>A transport that answers with fixed tasks, to see whether a wrapper passes calls through untouched.</summary>
internal sealed class StubTransport : ITransport
{
    public Task<TransferOutcome> TransferResult { get; } = Task.FromResult<TransferOutcome>(new TransferOutcome.Success(0));

    public Task<TransferOutcome> ProbeResult { get; } = Task.FromResult<TransferOutcome>(new TransferOutcome.Success(0));

    public IReadOnlyList<Envelope>? LastBatch { get; private set; }

    public Task<TransferOutcome> TransferAsync(IReadOnlyList<Envelope> batch, CancellationToken cancellationToken)
    {
        LastBatch = batch;
        return TransferResult;
    }

    public Task<TransferOutcome> ProbeAsync(CancellationToken cancellationToken) => ProbeResult;
}
