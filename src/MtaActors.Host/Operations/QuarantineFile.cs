using System.Text.Json;

namespace MtaActors.Host.Operations;

/// <summary>
/// Where a replay puts the messages the daemon refused one by one: JSON lines <c>{"error": ..., "message": {...}}</c>,
/// appended (an earlier run's quarantine is never overwritten) and flushed per message. The file is created on the first
/// quarantined message only. A quarantined message is in the archive format, so it can be fixed and replayed.
/// </summary>
public sealed class QuarantineFile(string path) : IAsyncDisposable
{
    private StreamWriter? _writer;

    public string Path { get; } = path;

    public int Count { get; private set; }

    public async Task AddAsync(ArchivedMessage message, string error, CancellationToken cancellationToken)
    {
        _writer ??= new StreamWriter(Open(Path));
        var line = JsonSerializer.Serialize(new QuarantinedMessage(error, message), BacklogArchive.Json);
        await _writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        await _writer.FlushAsync(cancellationToken);
        Count++;
    }

    /// <summary>An archive line that could not be read (replayed with --force), kept as it was.</summary>
    public async Task AddUnreadableAsync(int lineNumber, string text, string error, CancellationToken cancellationToken)
    {
        _writer ??= new StreamWriter(Open(Path));
        var line = JsonSerializer.Serialize(new UnreadableLine($"archive line {lineNumber} unreadable: {error}", text), BacklogArchive.Json);
        await _writer.WriteLineAsync(line.AsMemory(), cancellationToken);
        await _writer.FlushAsync(cancellationToken);
        Count++;
    }

    /// <summary>Quarantined messages keep their bodies: the file is owner-only, as the archive is.</summary>
    private static FileStream Open(string path)
        => new(path, Engine.Hosting.PrivateStorage.OwnerOnly(new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read }));

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }
}

/// <summary>One line of a quarantine file.</summary>
public sealed record QuarantinedMessage(string Error, ArchivedMessage Message);

/// <summary>A quarantine line for an archive line that did not parse.</summary>
public sealed record UnreadableLine(string Error, string Text);
