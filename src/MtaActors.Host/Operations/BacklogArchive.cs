using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MtaActors.Host.Operations;

/// <summary>
/// The backlog archive of <c>mta export</c>/<c>mta replay</c>: JSON lines, a header line (<see cref="ArchiveHeader"/>)
/// then one <see cref="ArchivedMessage"/> per line. Written to a temp file next to the target and renamed into place,
/// so a crash never leaves a half archive under the final name.
/// </summary>
public static class BacklogArchive
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static async Task<ArchiveHeader> WriteAsync(string path, IReadOnlyCollection<ArchivedMessage> messages, DateTimeOffset createdAt, string? source, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var content = full + ".content.tmp";
        var staged = full + ".tmp";
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            await using (var stream = new FileStream(content, Engine.Hosting.PrivateStorage.OwnerOnly(new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16, Options = FileOptions.Asynchronous })))
            {
                foreach (var message in messages)
                {
                    var line = JsonSerializer.SerializeToUtf8Bytes(message, Json);
                    hash.AppendData(line);
                    hash.AppendData(NewLine);
                    await stream.WriteAsync(line, cancellationToken);
                    await stream.WriteAsync(NewLine, cancellationToken);
                }
            }

            var header = new ArchiveHeader(ArchiveHeader.FormatName, ArchiveHeader.CurrentVersion, createdAt, messages.Count, Convert.ToHexStringLower(hash.GetHashAndReset()), source);
            await using (var output = new FileStream(staged, Engine.Hosting.PrivateStorage.OwnerOnly(new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1 << 16, Options = FileOptions.Asynchronous })))
            {
                await output.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(header, Json), cancellationToken);
                await output.WriteAsync(NewLine, cancellationToken);
                await using var input = new FileStream(content, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
                await input.CopyToAsync(output, cancellationToken);
                await output.FlushAsync(cancellationToken);
            }

            // The archive holds message bodies: owner-only, as the journal it came from (the mode travels with the move).
            File.Move(staged, full, overwrite: true);
            return header;
        }
        finally
        {
            File.Delete(content);
            File.Delete(staged);
        }
    }

    /// <summary>
    /// Reads an archive. A bad header, a checksum or count that does not match, or a line that does not parse is an
    /// <see cref="ArchiveDamage"/>; with <paramref name="force"/> the readable messages are returned anyway and the
    /// unreadable lines are listed in <see cref="ArchiveContent.Unreadable"/>.
    /// </summary>
    public static async Task<ArchiveContent> ReadAsync(string path, bool force, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
        var first = await reader.ReadLineAsync(cancellationToken);
        ArchiveHeader? header = null;
        try
        {
            header = first is null ? null : JsonSerializer.Deserialize<ArchiveHeader>(first, Json);
        }
        catch (JsonException)
        {
            // Reported below as a bad header.
        }

        if (header is null || header.Format != ArchiveHeader.FormatName || header.Sha256 is null)
        {
            throw new ArchiveDamage($"{path}: not a backlog archive (no {ArchiveHeader.FormatName} header on the first line)");
        }

        if (header.Version != ArchiveHeader.CurrentVersion)
        {
            throw new ArchiveDamage($"{path}: archive format version {header.Version} is not supported (this mta reads version {ArchiveHeader.CurrentVersion})");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var messages = ImmutableArray.CreateBuilder<ArchivedMessage>();
        var unreadable = ImmutableArray.CreateBuilder<(int Line, string Text, string Error)>();
        var lineNumber = 1;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            hash.AppendData(Encoding.UTF8.GetBytes(line));
            hash.AppendData(NewLine);
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                var message = JsonSerializer.Deserialize<ArchivedMessage>(line, Json);
                if (message is null || string.IsNullOrEmpty(message.Id) || message.From is null || message.To.IsDefault)
                {
                    throw new JsonException("id, from and to are required");
                }

                messages.Add(message);
            }
            catch (JsonException e)
            {
                unreadable.Add((lineNumber, line, e.Message.ReplaceLineEndings(" ")));
            }
        }

        var problems = new List<string>();
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (!string.Equals(actual, header.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("checksum mismatch");
        }

        if (messages.Count + unreadable.Count != header.Count)
        {
            problems.Add($"{messages.Count + unreadable.Count} messages where the header says {header.Count}");
        }

        if (unreadable.Count > 0)
        {
            problems.Add($"line {unreadable[0].Line} unreadable: {unreadable[0].Error}");
        }

        if (problems.Count > 0 && !force)
        {
            throw new ArchiveDamage($"{path}: archive damaged ({string.Join("; ", problems)}); --force replays what is readable");
        }

        return new ArchiveContent(header, messages.ToImmutable(), unreadable.ToImmutable(), [.. problems]);
    }
}

/// <summary>What was read from an archive; <see cref="Damage"/> is empty unless it was read with force.</summary>
public sealed record ArchiveContent(
    ArchiveHeader Header,
    ImmutableArray<ArchivedMessage> Messages,
    ImmutableArray<(int Line, string Text, string Error)> Unreadable,
    ImmutableArray<string> Damage);

/// <summary>An archive that cannot be used as it is; the message is the one line to show.</summary>
public sealed class ArchiveDamage(string message) : Exception(message);
