using Akka.Actor;
using MtaActors.Engine.Transports;

namespace MtaActors.Engine.Links;

/// <summary>
/// Does a link's I/O: one transfer or probe at a time through the link's transport, bounded by the timeout the
/// link gives, answered to the parent as <see cref="TransferFinished"/>. It holds no queue, so it can crash and be
/// restarted freely: a transport that throws (a bug or a poison message) crashes the session, and before restarting
/// it tells the parent which batch it was on (<see cref="SessionCrashed"/>).
/// </summary>
public sealed class Session : ReceiveActor
{
    private readonly ITransport _transport;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _lifetime = new();
    private long _currentBatch = -1;

    public Session(ITransport transport, TimeProvider time)
    {
        _transport = transport;
        _time = time;
        Receive<Transfer>(transfer => Start(transfer.BatchId, transfer.Timeout, token => _transport.TransferAsync(transfer.Batch, token)));
        Receive<Probe>(probe => Start(probe.BatchId, probe.Timeout, _transport.ProbeAsync));
        Receive<TransportCrashed>(crash => throw new TransportCrashException(crash.BatchId, crash.Error));
    }

    public static Props Props(ITransport transport, TimeProvider time) => Akka.Actor.Props.Create(() => new Session(transport, time));

    protected override void PreRestart(Exception reason, object message)
    {
        var batch = reason is TransportCrashException crash ? crash.BatchId : _currentBatch;
        Context.Parent.Tell(new SessionCrashed(batch, reason.InnerException?.Message ?? reason.Message));
        base.PreRestart(reason, message);
    }

    protected override void PostStop()
    {
        _lifetime.Cancel();
        _lifetime.Dispose();
    }

    private void Start(long batchId, TimeSpan timeout, Func<CancellationToken, Task<TransferOutcome>> operation)
    {
        _currentBatch = batchId;
        var parent = Context.Parent;
        var self = Self;
        RunBounded(operation, timeout).ContinueWith(
            task =>
            {
                if (task.IsCompletedSuccessfully)
                {
                    parent.Tell(new TransferFinished(batchId, task.Result), self);
                }
                else
                {
                    self.Tell(new TransportCrashed(batchId, task.Exception?.GetBaseException() ?? new InvalidOperationException("transfer failed")));
                }
            },
            TaskContinuationOptions.ExecuteSynchronously);
    }

    private async Task<TransferOutcome> RunBounded(Func<CancellationToken, Task<TransferOutcome>> operation, TimeSpan timeout)
    {
        using var bound = new CancellationTokenSource(timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(bound.Token, _lifetime.Token);
        try
        {
            // WaitAsync bounds the wait even for a transport that ignores its token.
            return await operation(linked.Token).WaitAsync(linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            return new TransferOutcome.Failure(TransferFailure.Timeout, $"no answer within {timeout.TotalSeconds:0.###} s");
        }
    }

    private sealed record TransportCrashed(long BatchId, Exception Error);
}
