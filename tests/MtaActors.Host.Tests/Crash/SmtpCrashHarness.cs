using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// Kill -9 trials of the SMTP front door: on one data folder (SQLite journal), start <c>mta run</c> with its listener,
/// let a few MailKit clients send over many sessions (several messages per connection, reconnecting), SIGKILL it at a
/// random moment, start it again on the same data, and send again everything that saw no 250 (plus some that did, to
/// prove the resend is suppressed); repeat, one trial per kill. The last start sends the rest again, checks that the
/// deliberate resends were counted as deduplicated, drains, and judges the delivery logs: every message that saw a
/// 250 delivered exactly once to each recipient, nothing else delivered. Every random choice comes from the seed,
/// which a failure names (<c>MTA_CRASH_SEED</c>, as for <see cref="CrashHarness"/>).
/// </summary>
internal sealed class SmtpCrashHarness(Action<string> log)
{
    private const int Sessions = 4;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(90);

    public async Task RunAsync(int seed, int kills, string dataDirectory)
    {
        var random = new Random(seed);
        var ledger = new SmtpCrashLedger();
        for (var run = 0; run <= kills; run++)
        {
            var smtpPort = FreePort.Next();
            var daemon = DaemonProcess.Launch(dataDirectory, ["--smtp", $"127.0.0.1:{smtpPort}"]);
            try
            {
                await daemon.WaitHealthyAsync(StartTimeout);
                if (run < kills)
                {
                    await SendUntilKilledAsync(daemon, smtpPort, ledger, random, $"s{seed}-r{run}");
                }
                else
                {
                    await ResendDrainAndJudgeAsync(daemon, smtpPort, ledger, random, seed, dataDirectory);
                }
            }
            catch (Exception e) when (e is not CrashTrialFailedException)
            {
                throw new CrashTrialFailedException($"SMTP crash trials seed {seed}, run {run}: {e}\n--- daemon output ---\n{Tail(daemon.Output)}", e);
            }
            finally
            {
                if (!daemon.HasExited)
                {
                    await daemon.KillAsync();
                }

                await daemon.DisposeAsync();
            }
        }
    }

    private async Task SendUntilKilledAsync(DaemonProcess daemon, int smtpPort, SmtpCrashLedger ledger, Random random, string keyPrefix)
    {
        // Everything that saw no 250 goes again first, and a few that did: their copies must be suppressed.
        var deliberate = ledger.Confirmed.Keys.Order(StringComparer.Ordinal).Where(_ => random.Next(20) == 0).Take(5).Select(k => ledger.Sent[k]);
        var resends = new ConcurrentQueue<SmtpCrashMessage>(ledger.Unconfirmed.OrderBy(m => m.Key, StringComparer.Ordinal).Concat(deliberate));
        var killAfter = TimeSpan.FromMilliseconds(random.Next(100, 1000));
        using var stop = new CancellationTokenSource();
        var answered = ledger.NextAnswer();
        var sessions = Enumerable.Range(0, Sessions)
            .Select(i => SessionAsync(smtpPort, ledger, resends, new Random(random.Next()), $"{keyPrefix}-{i}", stop.Token))
            .ToArray();
        // Healthy can come before the listener takes mail: the kill waits for the first 250 of this run, bar one in
        // five, which lands while the listener may still be refusing (or not yet listening).
        var early = random.Next(5) == 0;
        if (!early)
        {
            try
            {
                await answered.WaitAsync(StartTimeout);
            }
            catch (TimeoutException)
            {
                // Killed all the same; the judgement at the end says whether anything was lost.
            }
        }

        await Task.Delay(killAfter);
        await daemon.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(sessions);
        log($"  {keyPrefix}: killed {killAfter.TotalMilliseconds:0} ms after {(early ? "healthy" : "the first 250")}; {ledger.Sent.Count} sent, {ledger.Confirmed.Count} saw 250 so far");
    }

    /// <summary>One client: connections of one to five messages each, until the kill; what it was sending then saw no 250.</summary>
    private static async Task SessionAsync(int port, SmtpCrashLedger ledger, ConcurrentQueue<SmtpCrashMessage> resends, Random random, string keyPrefix, CancellationToken stop)
    {
        var made = 0;
        while (!stop.IsCancellationRequested)
        {
            using var client = new SmtpClient { Timeout = 15_000 };
            try
            {
                await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None, stop);
                var perConnection = random.Next(1, 6);
                for (var i = 0; i < perConnection && !stop.IsCancellationRequested; i++)
                {
                    var message = resends.TryDequeue(out var again) ? again : SmtpCrashMessage.Create($"{keyPrefix}-{made++}", random);
                    ledger.Sending(message);
                    await SendAsync(client, ledger, message);
                }

                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
            catch (Exception e) when (IsConnectionLoss(e))
            {
                // The kill (or the listener not yet up): the message in flight saw no 250 and goes again after the restart.
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    private static async Task SendAsync(SmtpClient client, SmtpCrashLedger ledger, SmtpCrashMessage message)
    {
        try
        {
            // No cancellation: a transaction ends with its answer or with the connection, which the kill takes.
            var reply = await client.SendAsync(message.Message, SmtpCrashMessage.Sender, message.Recipients.Select(MailboxAddress.Parse), CancellationToken.None);
            ledger.Answered(message, reply);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            ledger.Refused(message, $"{(int)e.StatusCode} {e.Message}");
        }
        catch (SmtpCommandException)
        {
            // 4xx (still starting, not journaled): no 250, so it goes again later.
        }
    }

    private static bool IsConnectionLoss(Exception e)
        => e is IOException or SocketException or SmtpProtocolException or ServiceNotConnectedException or OperationCanceledException or TimeoutException;

    private async Task ResendDrainAndJudgeAsync(DaemonProcess daemon, int smtpPort, SmtpCrashLedger ledger, Random random, int seed, string dataDirectory)
    {
        var unconfirmed = ledger.Unconfirmed.OrderBy(m => m.Key, StringComparer.Ordinal).ToList();
        var deliberate = ledger.Confirmed.Keys.Order(StringComparer.Ordinal).OrderBy(_ => random.Next()).Take(10).Select(k => ledger.Sent[k]).ToList();
        var queue = new ConcurrentQueue<SmtpCrashMessage>(unconfirmed.Concat(deliberate));
        await Task.WhenAll(Enumerable.Range(0, Sessions).Select(_ => ResendAllAsync(smtpPort, ledger, queue)));

        // Each resend of a message that had seen its 250 is a known id with the same content: a deduplicated
        // submission. A message that saw no 250 may or may not have been journaled before the kill.
        var deduplicated = (await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stats", UriKind.Relative))).GetProperty("submissionsDeduplicated").GetInt64();
        var faults = ledger.Faults.ToList();
        if (deduplicated < deliberate.Count || deduplicated > deliberate.Count + unconfirmed.Count)
        {
            faults.Add($"submissionsDeduplicated is {deduplicated} after sending again {deliberate.Count} messages that had seen 250 and {unconfirmed.Count} that had not");
        }

        faults.AddRange(ledger.Unconfirmed.Select(m => $"{m.Key}: never saw a 250, even on the healthy daemon"));

        var deadline = DateTime.UtcNow + DrainTimeout;
        DeliveryCount deliveries;
        while (Missing(ledger, deliveries = await DeliveryCount.ReadAsync(dataDirectory)).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        await daemon.KillAsync();
        deliveries = await DeliveryCount.ReadAsync(dataDirectory);
        faults.AddRange(Missing(ledger, deliveries).Select(m => $"lost: {m}"));
        var expected = ledger.Confirmed.SelectMany(c => ledger.Sent[c.Key].Recipients.Select(r => (c.Value, r))).ToHashSet();
        faults.AddRange(deliveries.Counts.Where(c => c.Value.Delivered > 1).Select(c => $"duplicated: {c.Key.MessageId} -> {c.Key.Recipient} delivered {c.Value.Delivered} times at {c.Value.Site}"));
        faults.AddRange(deliveries.Counts.Where(c => c.Value.Delivered > 0 && !expected.Contains(c.Key)).Select(c => $"unexpected: {c.Key.MessageId} -> {c.Key.Recipient} at {c.Value.Site}"));
        var summary = $"{ledger.Sent.Count} messages, all but {ledger.Sent.Count - ledger.Confirmed.Count} saw 250; resent at the end {unconfirmed.Count} without and {deliberate.Count} with a 250 ({deduplicated} deduplicated); "
            + $"{deliveries.DeliveredTotal} deliveries for {expected.Count} expected, {deliveries.SuppressedTotal} redeliveries suppressed by the sites";
        log($"  seed {seed}: {summary}");
        if (faults.Count > 0)
        {
            throw new CrashTrialFailedException(
                $"SMTP crash trials seed {seed} (replay: MTA_CRASH_SEED={seed}) on {dataDirectory}: {summary}\n{string.Join('\n', faults.Take(20))}\n--- last daemon output ---\n{Tail(daemon.Output)}");
        }
    }

    /// <summary>On the healthy daemon every message must get its 250: a lost connection is retried, a few times.</summary>
    private static async Task ResendAllAsync(int port, SmtpCrashLedger ledger, ConcurrentQueue<SmtpCrashMessage> queue)
    {
        for (var attempt = 0; attempt < 5 && !queue.IsEmpty; attempt++)
        {
            using var client = new SmtpClient { Timeout = 30_000 };
            SmtpCrashMessage? current = null;
            try
            {
                await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
                while (queue.TryDequeue(out current))
                {
                    await SendAsync(client, ledger, current);
                    current = null;
                }

                await client.DisconnectAsync(quit: true);
            }
            catch (Exception e) when (IsConnectionLoss(e))
            {
                if (current is not null)
                {
                    queue.Enqueue(current);
                }

                await Task.Delay(500);
            }
        }
    }

    private static List<string> Missing(SmtpCrashLedger ledger, DeliveryCount deliveries)
        => [.. ledger.Confirmed.SelectMany(c => ledger.Sent[c.Key].Recipients.Where(r => deliveries.DeliveredTo(c.Value, r) == 0).Select(r => $"{c.Key} ({c.Value}) never delivered to {r}"))];

    private static string Tail(string output, int lines = 40)
        => string.Join('\n', output.Split('\n').TakeLast(lines));
}
