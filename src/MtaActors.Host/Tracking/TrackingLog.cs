using Akka.Actor;
using MtaActors.Engine.Tracking;
using Serilog;
using Serilog.Core;
using Serilog.Formatting.Json;

namespace MtaActors.Host.Tracking;

/// <summary>
/// The message tracking log: subscribes to the engine's <see cref="ITrackingEvent"/>s on the event stream and writes one
/// structured JSON line per message and event (Serilog, a file sink of its own under <c>data/tracking/</c>, a file a day).
/// The engine's actors only publish a reference to the batch they already hold; the per-message work and the file I/O
/// (buffered, flushed every second and at stop) happen here, off their mailboxes. A run starts on a fresh line even when
/// the last one was torn by a crash (<see cref="TrackingFileHooks"/>).
/// </summary>
internal sealed class TrackingLog : ReceiveActor
{
    public const string FolderName = "tracking";

    /// <summary>The file name pattern; Serilog puts the date before the extension (tracking-20260131.jsonl).</summary>
    public const string FilePattern = "tracking-.jsonl";

    /// <summary>The message template of every line; its properties are the contract <c>mta track</c> reads.</summary>
    private const string Template = "{Event} {MessageId} {Queue} {Recipients} {Detail} {At}";

    private readonly Logger _log;

    public TrackingLog(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, FolderName);
        Engine.Hosting.PrivateStorage.CreateFolder(folder);
        _log = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.File(
                new JsonFormatter(),
                Path.Combine(folder, FilePattern),
                rollingInterval: RollingInterval.Day,
                buffered: true,
                flushToDiskInterval: TimeSpan.FromSeconds(1),
                hooks: new TrackingFileHooks())
            .CreateLogger();

        Receive<MessagesAcceptedTracked>(e =>
        {
            foreach (var message in e.Messages)
            {
                var detail = message.ReportsOn is { } on ? $"report on {on}" : $"from {message.Originator}";
                Write("accepted", message.Id, "work-queue", message.Recipients.Select(r => r.Value), detail, e.At);
            }
        });
        Receive<EnvelopesRoutedTracked>(e =>
        {
            foreach (var envelope in e.Envelopes)
            {
                Write("routed", envelope.MessageId, e.Queue, envelope.Recipients.Select(r => r.Value), null, e.At);
            }
        });
        Receive<EnvelopesQueuedTracked>(e =>
        {
            foreach (var queued in e.Envelopes)
            {
                Write("queued", queued.MessageId, e.Queue, queued.Envelope.Recipients.Select(r => r.Value), "secured", e.At);
            }
        });
        Receive<TransferTracked>(e =>
        {
            foreach (var queued in e.Batch)
            {
                if (e.Failure is null)
                {
                    Write("delivered", queued.MessageId, e.Queue, queued.Envelope.Recipients.Select(r => r.Value), null, e.At);
                }
                else
                {
                    Write("attempt-failed", queued.MessageId, e.Queue, queued.Envelope.Recipients.Select(r => r.Value), $"attempt {queued.FailedAttempts + 1}: {e.Failure}", e.At);
                }
            }
        });
        Receive<NonDeliveryTracked>(e =>
        {
            foreach (var (message, failures) in e.Failed)
            {
                foreach (var failure in failures)
                {
                    Write("non-delivered", message.Id, "work-queue", [failure.Recipient.Value], $"{failure.Reason}: {failure.Detail}", e.At);
                }
            }
        });
        Receive<Engine.Purge.MessagesPurgedTracked>(e =>
        {
            foreach (var purged in e.Messages)
            {
                Write("purged", purged.Id, e.Queue, purged.Recipients, $"system message class {Api.WireNames.Of(purged.Class)}", e.At);
            }
        });
        Receive<QueueOperationTracked>(e => Write(e.Event, e.MessageId, e.Queue, e.Recipients, e.Detail, e.At));
        Receive<Drain>(_ => Sender.Tell(Drained.Instance));
    }

    /// <summary>Answered with <see cref="Drained"/> once every event received before it is written.</summary>
    public sealed record Drain
    {
        public static readonly Drain Instance = new();
    }

    public sealed record Drained
    {
        public static readonly Drained Instance = new();
    }

    public static Props Props(string dataDirectory) => Akka.Actor.Props.Create(() => new TrackingLog(dataDirectory));

    protected override void PostStop()
    {
        Context.System.EventStream.Unsubscribe(Self);
        _log.Dispose();
    }

    private void Write(string kind, string messageId, string queue, IEnumerable<string> recipients, string? detail, DateTimeOffset at)
        => _log.Information(Template, kind, messageId, queue, recipients.ToArray(), detail, at);
}
