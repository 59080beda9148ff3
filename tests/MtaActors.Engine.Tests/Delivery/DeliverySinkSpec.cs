using System.Text;
using MtaActors.Core.Addressing;
using MtaActors.Core.Messages;
using MtaActors.Engine.Delivery;
using MtaActors.Tests.Common;

namespace MtaActors.Engine.Tests.Delivery;

public sealed class DeliverySinkSpec : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task First_arrival_is_delivered_and_counted()
    {
        await using var sink = await OpenAsync("paris");

        var duplicates = await sink.RecordAsync([TestMail.Envelope("m1", "a@paris.example", "b@paris.example")], Timeout());

        Assert.Equal(0, duplicates);
        Assert.Equal(new SiteCounters("paris", Received: 2, Delivered: 2, Distinct: 2, DuplicatesSuppressed: 0), sink.Counters);
        Assert.True(sink.HasDelivered("m1", "a@paris.example"));
        Assert.True(sink.HasDelivered("m1", "b@paris.example"));
        Assert.False(sink.HasDelivered("m1", "c@paris.example"));
    }

    [Fact]
    public async Task Second_arrival_of_the_same_message_and_recipient_is_suppressed()
    {
        await using var sink = await OpenAsync("paris");
        await sink.RecordAsync([TestMail.Envelope("m1", "a@paris.example")], Timeout());

        var duplicates = await sink.RecordAsync(
            [TestMail.Envelope("m1", "a@paris.example", "b@paris.example")], Timeout());

        Assert.Equal(1, duplicates);
        Assert.Equal(new SiteCounters("paris", Received: 3, Delivered: 2, Distinct: 2, DuplicatesSuppressed: 1), sink.Counters);
    }

    [Fact]
    public async Task The_same_envelope_twice_in_one_batch_is_delivered_once()
    {
        await using var sink = await OpenAsync("paris");
        var envelope = TestMail.Envelope("m1");

        var duplicates = await sink.RecordAsync([envelope, envelope], Timeout());

        Assert.Equal(1, duplicates);
        Assert.Equal(1, sink.Counters.Delivered);
    }

    [Fact]
    public async Task Counts_and_dedup_survive_a_reopen()
    {
        var path = _folder.File("sites/paris.log");
        SiteCounters before;
        await using (var sink = await DeliverySink.OpenAsync("paris", path, Timeout()))
        {
            await sink.RecordAsync(TestMail.Batch(5), Timeout());
            await sink.RecordAsync(TestMail.Batch(2), Timeout());
            before = sink.Counters;
        }

        await using var reopened = await DeliverySink.OpenAsync("paris", path, Timeout());
        var duplicates = await reopened.RecordAsync(TestMail.Batch(6), Timeout());

        Assert.Equal(new SiteCounters("paris", Received: 7, Delivered: 5, Distinct: 5, DuplicatesSuppressed: 2), before);
        Assert.Equal(5, duplicates);
        Assert.Equal(new SiteCounters("paris", Received: 13, Delivered: 6, Distinct: 6, DuplicatesSuppressed: 7), reopened.Counters);
    }

    [Fact]
    public async Task A_torn_last_line_is_ignored_on_reopen_and_appends_start_on_a_fresh_line()
    {
        var path = _folder.File("paris.log");
        await using (var sink = await DeliverySink.OpenAsync("paris", path, Timeout()))
        {
            await sink.RecordAsync(TestMail.Batch(3), Timeout());
        }

        // A crash mid-write leaves the start of a line without its newline.
        await File.AppendAllTextAsync(path, "D\tm4\tuser@par", Timeout());

        await using (var sink = await DeliverySink.OpenAsync("paris", path, Timeout()))
        {
            Assert.Equal(3, sink.Counters.Delivered);
            Assert.False(sink.HasDelivered("m4", "user@paris.example"));
            Assert.Equal(0, await sink.RecordAsync([TestMail.Envelope("m4")], Timeout()));
        }

        var lines = await File.ReadAllLinesAsync(path, Timeout());
        Assert.Equal([Line("D", "m1"), Line("D", "m2"), Line("D", "m3"), Line("D", "m4")], lines);
    }

    [Fact]
    public async Task A_damaged_complete_line_is_refused_rather_than_guessed()
    {
        var path = _folder.File("paris.log");
        await File.WriteAllTextAsync(path, "D\tm1\tuser@paris.example\nX\tgarbage\n", Timeout());

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => DeliverySink.OpenAsync("paris", path, Timeout()));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_callers_lose_nothing_and_double_count_nothing()
    {
        var path = _folder.File("paris.log");
        const int tasks = 32;
        const int batchesPerTask = 20;
        const int messages = 50;
        int suppressedSeen;
        await using (var sink = await DeliverySink.OpenAsync("paris", path, Timeout()))
        {
            // Every task sends overlapping batches drawn from the same 50 messages, so duplicates race each other.
            var results = await Task.WhenAll(Enumerable.Range(0, tasks).Select(t => Task.Run(async () =>
            {
                var duplicates = 0;
                for (var b = 0; b < batchesPerTask; b++)
                {
                    var batch = Enumerable.Range(0, 5).Select(i => TestMail.Envelope($"m{((t * 7) + (b * 5) + i) % messages}")).ToArray();
                    duplicates += await sink.RecordAsync(batch, Timeout());
                }

                return duplicates;
            })));
            suppressedSeen = results.Sum();

            var expected = new SiteCounters("paris", Received: tasks * batchesPerTask * 5, Delivered: messages, Distinct: messages,
                DuplicatesSuppressed: (tasks * batchesPerTask * 5) - messages);
            Assert.Equal(expected, sink.Counters);
            Assert.Equal(expected.DuplicatesSuppressed, suppressedSeen);
        }

        var entries = await ReadAllAsync(path);
        Assert.Equal(tasks * batchesPerTask * 5, entries.Count);
        Assert.Equal(messages, entries.Count(e => e.Kind == DeliveryLogKind.Delivered));
        Assert.Equal(messages, entries.Where(e => e.Kind == DeliveryLogKind.Delivered).Select(e => e.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Every_delivery_is_logged_before_any_duplicate_of_it()
    {
        var path = _folder.File("paris.log");
        await using (var sink = await DeliverySink.OpenAsync("paris", path, Timeout()))
        {
            await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => sink.RecordAsync(TestMail.Batch(20), Timeout()))));
        }

        var delivered = new HashSet<string>();
        await foreach (var entry in DeliverySink.ReadLogAsync(path))
        {
            if (entry.Kind == DeliveryLogKind.Delivered)
            {
                delivered.Add(entry.MessageId);
            }
            else
            {
                Assert.Contains(entry.MessageId, delivered);
            }
        }

        Assert.Equal(20, delivered.Count);
    }

    [Fact]
    public async Task With_dedup_switched_off_duplicates_are_delivered_again()
    {
        var path = _folder.File("paris.log");
        var options = new DeliverySinkOptions { DeduplicationEnabled = false };
        await using (var sink = await DeliverySink.OpenAsync("paris", path, options, Timeout()))
        {
            await sink.RecordAsync(TestMail.Batch(3), Timeout());
            var duplicates = await sink.RecordAsync(TestMail.Batch(3), Timeout());

            Assert.Equal(0, duplicates);
            Assert.Equal(new SiteCounters("paris", Received: 6, Delivered: 6, Distinct: 3, DuplicatesSuppressed: 0), sink.Counters);
        }

        Assert.Equal(new SiteCounters("paris", 6, 6, 3, 0), await DeliverySink.CountLogAsync("paris", path));
    }

    [Fact]
    public async Task Dedup_can_be_switched_off_on_an_open_sink()
    {
        await using var sink = await OpenAsync("paris");
        await sink.RecordAsync(TestMail.Batch(2), Timeout());

        sink.DeduplicationEnabled = false;
        await sink.RecordAsync(TestMail.Batch(2), Timeout());

        Assert.True(sink.Counters.Delivered > sink.Counters.Distinct);
    }

    [Fact]
    public async Task Offline_count_of_a_log_matches_the_sink_that_wrote_it()
    {
        var path = _folder.File("paris.log");
        SiteCounters live;
        await using (var sink = await DeliverySink.OpenAsync("paris", path, Timeout()))
        {
            await sink.RecordAsync(TestMail.Batch(4), Timeout());
            await sink.RecordAsync(TestMail.Batch(6), Timeout());
            live = sink.Counters;

            // Readable while the sink still holds the file, as a crash check reads it.
            Assert.Equal(live, await DeliverySink.CountLogAsync("paris", path));
        }

        Assert.Equal(new SiteCounters("paris", 10, 6, 6, 4), live);
    }

    [Fact]
    public async Task Tabs_and_newlines_in_a_recipient_cannot_break_the_log()
    {
        var path = _folder.File("paris.log");
        const string odd = "odd\trecipient\nwith\\escapes\r";
        var message = TestMail.Message("m1");
        await using (var sink = await DeliverySink.OpenAsync("paris", path, Timeout()))
        {
            // Text that is no address is kept as given (for its non-delivery report): the log must survive it.
            await sink.RecordAsync([new Envelope(message, [Address.FromUserInput(odd)])], Timeout());
        }

        var entries = await ReadAllAsync(path);
        await using var reopened = await DeliverySink.OpenAsync("paris", path, Timeout());

        Assert.Equal([new DeliveryLogEntry(DeliveryLogKind.Delivered, "m1", odd, SubmissionFingerprint.OfContent(message))], entries);
        Assert.True(reopened.HasDelivered("m1", odd));
        Assert.Single(await File.ReadAllLinesAsync(path, Timeout()));
    }

    [Fact]
    public async Task Fsync_on_commit_still_records()
    {
        var path = _folder.File("paris.log");
        await using (var sink = await DeliverySink.OpenAsync("paris", path, new DeliverySinkOptions { FsyncOnCommit = true }, Timeout()))
        {
            await sink.RecordAsync(TestMail.Batch(2), Timeout());
        }

        Assert.Equal(2, (await ReadAllAsync(path)).Count);
    }

    [Fact]
    public async Task A_closed_sink_refuses_new_records()
    {
        var sink = await OpenAsync("paris");
        await sink.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => sink.RecordAsync(TestMail.Batch(1), Timeout()));
    }

    [Fact]
    public async Task An_empty_batch_records_nothing()
    {
        await using var sink = await OpenAsync("paris");

        Assert.Equal(0, await sink.RecordAsync(Array.Empty<Envelope>(), Timeout()));
        Assert.Equal(new SiteCounters("paris", 0, 0, 0, 0), sink.Counters);
        Assert.Equal(0, new FileInfo(sink.Path).Length);
    }

    [Fact]
    public async Task Log_lines_are_tab_separated_with_a_delivered_or_suppressed_tag()
    {
        await using var sink = await OpenAsync("paris");
        await sink.RecordAsync([TestMail.Envelope("m1")], Timeout());
        await sink.RecordAsync([TestMail.Envelope("m1")], Timeout());

        var text = Encoding.UTF8.GetString(await ReadSharedAsync(sink.Path));

        Assert.Equal($"{Line("D", "m1")}\n{Line("S", "m1")}\n", text);
    }

    [Fact]
    public async Task A_different_message_under_an_id_already_delivered_is_delivered()
    {
        await using var sink = await OpenAsync("paris");
        await sink.RecordAsync([TestMail.Envelope("m1")], Timeout());

        // The id reused past the work queue's window for other content: a new message, not a redelivery.
        var reused = TestMail.Message("m1", body: "Another message entirely");
        var duplicates = await sink.RecordAsync([new Envelope(reused, reused.Recipients)], Timeout());

        Assert.Equal(0, duplicates);
        Assert.Equal(new SiteCounters("paris", Received: 2, Delivered: 2, Distinct: 2, DuplicatesSuppressed: 0), sink.Counters);
    }

    [Fact]
    public async Task The_same_content_with_another_trace_expiry_or_recipient_set_is_still_a_duplicate()
    {
        await using var sink = await OpenAsync("paris");
        var first = TestMail.Message("m1", to: ["a@paris.example", "b@paris.example"]);
        await sink.RecordAsync([new Envelope(first, first.Recipients)], Timeout());

        // What a hop, a resubmission or a reinstatement of some recipients changes is not what a recipient receives.
        var again = first with
        {
            Recipients = [TestMail.Smtp("a@paris.example")],
            Trace = [new Hop("london-mta", "london", first.SubmittedAt)],
            ExpiresAt = first.ExpiresAt.AddDays(1),
            SubmittedAt = first.SubmittedAt.AddHours(30),
        };
        var duplicates = await sink.RecordAsync([new Envelope(again, again.Recipients)], Timeout());

        Assert.Equal(1, duplicates);
        Assert.Equal(2, sink.Counters.Delivered);
    }

    [Fact]
    public async Task Each_content_delivered_under_one_id_stays_suppressed_after_a_reopen()
    {
        var path = _folder.File("paris.log");
        var first = TestMail.Envelope("m1");
        var reused = TestMail.Message("m1", body: "Another message entirely");
        var second = new Envelope(reused, reused.Recipients);
        await using (var sink = await DeliverySink.OpenAsync("paris", path, Timeout()))
        {
            await sink.RecordAsync([first], Timeout());
            await sink.RecordAsync([second], Timeout());
        }

        await using var reopened = await DeliverySink.OpenAsync("paris", path, Timeout());
        var duplicates = await reopened.RecordAsync([first, second], Timeout());

        Assert.Equal(2, duplicates);
        Assert.Equal(new SiteCounters("paris", Received: 4, Delivered: 2, Distinct: 2, DuplicatesSuppressed: 2), reopened.Counters);
    }

    [Fact]
    public async Task A_log_line_written_before_content_fingerprints_suppresses_any_content_of_its_pair()
    {
        var path = _folder.File("paris.log");
        // The three-field line of earlier versions: which content was delivered is unknown, so none is delivered again.
        await File.WriteAllTextAsync(path, "D\tm1\tuser@paris.example\nS\tm1\tuser@paris.example\n", Timeout());
        var reused = TestMail.Message("m1", body: "Another message entirely");

        await using (var sink = await DeliverySink.OpenAsync("paris", path, Timeout()))
        {
            Assert.Equal(new SiteCounters("paris", Received: 2, Delivered: 1, Distinct: 1, DuplicatesSuppressed: 1), sink.Counters);
            Assert.Equal(2, await sink.RecordAsync([TestMail.Envelope("m1"), new Envelope(reused, reused.Recipients)], Timeout()));
            Assert.Equal(0, await sink.RecordAsync([TestMail.Envelope("m2")], Timeout()));
        }

        var entries = await ReadAllAsync(path);
        Assert.Equal(new DeliveryLogEntry(DeliveryLogKind.Delivered, "m1", "user@paris.example"), entries[0]);
        Assert.Equal(
            new DeliveryLogEntry(DeliveryLogKind.Suppressed, "m1", "user@paris.example", SubmissionFingerprint.OfContent(reused)),
            entries[3]);
        Assert.Equal(new SiteCounters("paris", 5, 2, 2, 3), await DeliverySink.CountLogAsync("paris", path));
    }

    [Theory]
    [InlineData("D\tm1\tuser@paris.example\t0123\n")]
    [InlineData("D\tm1\tuser@paris.example\t0123456789ABCDEF\n")]
    [InlineData("D\tm1\tuser@paris.example\t0123456789abcdef\textra\n")]
    public async Task A_line_with_a_malformed_content_field_is_refused(string line)
    {
        var path = _folder.File("paris.log");
        await File.WriteAllTextAsync(path, line, Timeout());

        await Assert.ThrowsAsync<InvalidDataException>(() => DeliverySink.OpenAsync("paris", path, Timeout()));
    }

    /// <summary>The log line of <see cref="TestMail.Envelope"/> <paramref name="id"/> to its default recipient, without its newline.</summary>
    private static string Line(string tag, string id)
        => $"{tag}\t{id}\tuser@paris.example\t{SubmissionFingerprint.OfContent(TestMail.Message(id)):x16}";

    private static CancellationToken Timeout() => new CancellationTokenSource(Bound).Token;

    private Task<DeliverySink> OpenAsync(string name) => DeliverySink.OpenAsync(name, _folder.File($"{name}.log"), Timeout());

    private static async Task<List<DeliveryLogEntry>> ReadAllAsync(string path)
    {
        var entries = new List<DeliveryLogEntry>();
        await foreach (var entry in DeliverySink.ReadLogAsync(path, Timeout()))
        {
            entries.Add(entry);
        }

        return entries;
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
