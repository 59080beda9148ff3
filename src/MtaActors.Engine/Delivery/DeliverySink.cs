using System.Buffers;
using System.Runtime.CompilerServices;
using MtaActors.Core.Messages;

namespace MtaActors.Engine.Delivery;

/// <summary>
/// A durable, de-duplicating mailbox store: the local store of this server, or a simulated remote site.
/// Every arrival is appended to a log file under the data folder (group commit: concurrent callers share one write),
/// so counts of losses and duplicates survive a crash of the daemon.
/// </summary>
/// <remarks>
/// Decisions (deliver or suppress) are taken in arrival order under one lock and appended to a pending buffer in
/// that order; a single writer loop writes and flushes whatever is pending, then completes every caller whose
/// lines it wrote. A caller is therefore answered only after its lines, and every earlier line, are in the file:
/// a duplicate is never acknowledged ahead of the delivery it duplicates. If a write fails the sink stops
/// accepting (its dedup set may be ahead of the file); reopening rebuilds the truth from the log.
/// </remarks>
public sealed class DeliverySink : IAsyncDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly Lock _gate = new();
    private readonly FileStream _log;
    private readonly bool _fsyncOnCommit;
    private readonly DeliveryTally _tally;

    // Guarded by _gate.
    private ArrayBufferWriter<byte> _pending = new(InitialBufferSize);
    private List<TaskCompletionSource> _waiters = [];
    private bool _writing;
    private bool _closed;
    private Exception? _failure;
    private Task _writer = Task.CompletedTask;

    // Owned by the single running writer loop.
    private ArrayBufferWriter<byte> _spare = new(InitialBufferSize);
    private List<TaskCompletionSource> _spareWaiters = [];

    private volatile SiteCounters _counters;
    private volatile bool _deduplicationEnabled;

    private DeliverySink(string name, string path, FileStream log, DeliveryTally tally, DeliverySinkOptions options)
    {
        Name = name;
        Path = path;
        _log = log;
        _tally = tally;
        _fsyncOnCommit = options.FsyncOnCommit;
        _deduplicationEnabled = options.DeduplicationEnabled;
        _counters = tally.Snapshot(name);
    }

    public string Name { get; }

    /// <summary>The log file.</summary>
    public string Path { get; }

    /// <summary>Counts as of the latest decision (including arrivals whose commit is still in flight). Lock-free.</summary>
    public SiteCounters Counters => _counters;

    /// <summary>Test-only switch, see <see cref="DeliverySinkOptions.DeduplicationEnabled"/>; may be flipped at any time.</summary>
    public bool DeduplicationEnabled
    {
        get => _deduplicationEnabled;
        set => _deduplicationEnabled = value;
    }

    /// <summary>Opens the log at <paramref name="path"/> with default options; see the overload.</summary>
    public static Task<DeliverySink> OpenAsync(string name, string path, CancellationToken cancellationToken)
        => OpenAsync(name, path, DeliverySinkOptions.Default, cancellationToken);

    /// <summary>
    /// Opens or creates the log file at <paramref name="path"/> (creating its folder), rebuilding the dedup set and
    /// counters from it. A torn last line, left by a crash mid-write, is cut off. Only one sink may write a log at a time.
    /// </summary>
    public static async Task<DeliverySink> OpenAsync(string name, string path, DeliverySinkOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(options);
        var fullPath = System.IO.Path.GetFullPath(path);
        Hosting.PrivateStorage.CreateFolder(System.IO.Path.GetDirectoryName(fullPath)!);
        // Who got which message: owner-only, as the journal is.
        var log = new FileStream(fullPath, Hosting.PrivateStorage.OwnerOnly(new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.Read,
            Options = FileOptions.Asynchronous,
            // Unbuffered: every write goes straight to the operating system, and we batch ourselves.
            BufferSize = 0,
        }));
        try
        {
            var tally = new DeliveryTally();
            long complete = 0;
            await foreach (var (entries, completeLength) in DeliveryLogFormat.ReadAsync(log, fullPath, cancellationToken))
            {
                foreach (var entry in entries)
                {
                    tally.Replay(entry);
                }

                complete = completeLength;
            }

            if (log.Length > complete)
            {
                log.SetLength(complete);
            }

            log.Position = complete;
            return new DeliverySink(name, fullPath, log, tally, options);
        }
        catch
        {
            await log.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Streams the complete lines of a log, for offline counting (e.g. after the daemon was killed); a torn last
    /// line is skipped. May read a log that a live sink is writing.
    /// </summary>
    public static async IAsyncEnumerable<DeliveryLogEntry> ReadLogAsync(string path, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = OpenForReading(path);
        await foreach (var (entries, _) in DeliveryLogFormat.ReadAsync(stream, path, cancellationToken))
        {
            foreach (var entry in entries)
            {
                yield return entry;
            }
        }
    }

    /// <summary>Counts a log offline: the same counters the sink that wrote it would report.</summary>
    public static async Task<SiteCounters> CountLogAsync(string name, string path, CancellationToken cancellationToken = default)
    {
        var tally = new DeliveryTally();
        await using var stream = OpenForReading(path);
        await foreach (var (entries, _) in DeliveryLogFormat.ReadAsync(stream, path, cancellationToken))
        {
            foreach (var entry in entries)
            {
                tally.Replay(entry);
            }
        }

        return tally.Snapshot(name);
    }

    /// <summary>Whether (message id, recipient canonical address) has been delivered, with any content (decided; its commit may still be in flight).</summary>
    public bool HasDelivered(string messageId, string recipient)
    {
        lock (_gate)
        {
            return _tally.Contains(new DeliveryKey(messageId, recipient));
        }
    }

    /// <summary>
    /// Records every (message, recipient) of the envelopes; completes once durable; returns how many were duplicates
    /// (that recipient already got that id with the same content, see <see cref="DeliveryTally"/>; not delivered again).
    /// </summary>
    /// <remarks>
    /// Cancelling stops the wait, not the commit: the decisions are taken and will be written, so a retry after a
    /// cancelled call finds them as duplicates, which is the at-least-once hand-off the links rely on.
    /// </remarks>
    public async Task<int> RecordAsync(IReadOnlyList<Envelope> envelopes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelopes);
        cancellationToken.ThrowIfCancellationRequested();
        // Hashed outside the lock: the content is what tells a redelivery from another message under a reused id.
        var contents = new ulong[envelopes.Count];
        for (var i = 0; i < contents.Length; i++)
        {
            contents[i] = SubmissionFingerprint.OfContent(envelopes[i].Message);
        }

        var duplicates = 0;
        TaskCompletionSource committed;
        lock (_gate)
        {
            ThrowIfNotAccepting();
            var deduplicate = _deduplicationEnabled;
            var lines = 0;
            for (var i = 0; i < envelopes.Count; i++)
            {
                var envelope = envelopes[i];
                foreach (var recipient in envelope.Recipients)
                {
                    var kind = _tally.Decide(new DeliveryKey(envelope.MessageId, recipient.Value), contents[i], deduplicate);
                    DeliveryLogFormat.Append(_pending, kind, envelope.MessageId, recipient.Value, contents[i]);
                    lines++;
                    if (kind == DeliveryLogKind.Suppressed)
                    {
                        duplicates++;
                    }
                }
            }

            if (lines == 0)
            {
                return 0;
            }

            _counters = _tally.Snapshot(Name);
            committed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add(committed);
            if (!_writing)
            {
                _writing = true;
                _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
            }
        }

        await committed.Task.WaitAsync(cancellationToken);
        return duplicates;
    }

    /// <summary>Waits for pending commits, then closes the log. Later calls to <see cref="RecordAsync"/> throw <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        Task writer;
        lock (_gate)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            writer = _writer;
        }

        await writer;
        await _log.FlushAsync(CancellationToken.None);
        await _log.DisposeAsync();
    }

    private static FileStream OpenForReading(string path) => new(path, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.ReadWrite,
        Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
    });

    private void ThrowIfNotAccepting()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_failure is not null)
        {
            throw new IOException($"Delivery log {Path} failed to write earlier; reopen the sink to recover from the log.", _failure);
        }
    }

    private async Task WriteLoopAsync()
    {
        while (true)
        {
            ArrayBufferWriter<byte> batch;
            List<TaskCompletionSource> waiters;
            lock (_gate)
            {
                if (_waiters.Count == 0)
                {
                    _writing = false;
                    return;
                }

                batch = _pending;
                waiters = _waiters;
                _pending = _spare;
                _waiters = _spareWaiters;
            }

            try
            {
                await _log.WriteAsync(batch.WrittenMemory, CancellationToken.None);
                await _log.FlushAsync(CancellationToken.None);
                if (_fsyncOnCommit)
                {
                    // There is no asynchronous fsync; this loop is the only caller, so it holds one pool thread briefly.
                    _log.Flush(flushToDisk: true);
                }
            }
            catch (Exception exception)
            {
                Fail(exception, waiters);
                return;
            }

            foreach (var waiter in waiters)
            {
                waiter.TrySetResult();
            }

            batch.ResetWrittenCount();
            waiters.Clear();
            _spare = batch;
            _spareWaiters = waiters;
        }
    }

    private void Fail(Exception exception, List<TaskCompletionSource> inFlight)
    {
        List<TaskCompletionSource> queued;
        lock (_gate)
        {
            _failure = exception;
            _writing = false;
            queued = _waiters;
            _waiters = [];
        }

        var error = new IOException($"Delivery log {Path} failed to write.", exception);
        foreach (var waiter in inFlight.Concat(queued))
        {
            waiter.TrySetException(error);
        }
    }
}
