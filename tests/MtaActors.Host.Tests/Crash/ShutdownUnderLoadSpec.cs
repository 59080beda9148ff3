using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MtaActors.Tests.Common;
using Xunit.Abstractions;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// Issue 3's clean shutdown under stress (the Exchange 5.5 MTA could not be stopped under load, Q238189): with
/// thousands of messages accepted and nothing able to leave (links hung mid-transfer or down, a share of the mail
/// deferred in the work queue), SIGTERM stops the daemon within 10 s with exit code 0, and after a restart without
/// faults every message is delivered exactly once.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class ShutdownUnderLoadSpec(ITestOutputHelper output) : IDisposable
{
    private const int Messages = 5000;
    private const int BatchSize = 500;
    private static readonly TimeSpan ShutdownBound = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _data = new("mta-shutdown");

    [Fact]
    public async Task Sigterm_with_a_full_queue_and_hung_links_stops_within_10_s_and_loses_nothing()
    {
        var ledger = new SubmissionLedger();
        var random = new Random(Messages);
        await using (var daemon = await DaemonProcess.StartAsync(_data.Path))
        {
            // Hung links hold a transfer open (the session waits out its timeout); down links refuse at once.
            foreach (var link in new[] { "x400-paris", "site-paris", "x400-newyork", "ras-newyork", "imc-internet" })
            {
                await SetFaultAsync(daemon, link, new { kind = "hang" });
            }

            foreach (var link in new[] { "msmail-pc", "edk-fax", "local-store" })
            {
                await SetFaultAsync(daemon, link, new { kind = "down" });
            }

            for (var sent = 0; sent < Messages; sent += BatchSize)
            {
                await SubmitBatchAsync(daemon, ledger, random, sent);
            }

            Assert.Equal(Messages, ledger.AcceptedCount);
            Assert.Equal(0, (await DeliveryCount.ReadAsync(_data.Path)).DeliveredTotal);
            var queued = await QueuedAsync(daemon);
            output.WriteLine($"{Messages} accepted; queued before SIGTERM: {queued}");

            var took = await daemon.StopAsync(ShutdownBound + TimeSpan.FromSeconds(5));
            output.WriteLine($"SIGTERM to exit: {took.TotalMilliseconds:0} ms, exit code {daemon.ExitCode}");
            Assert.True(took < ShutdownBound, $"shutdown took {took.TotalSeconds:0.0} s:\n{daemon.Output}");
            Assert.Equal(0, daemon.ExitCode);
        }

        // Faults are not persisted: the restarted daemon has working links and must deliver everything once.
        await using (var again = await DaemonProcess.StartAsync(_data.Path))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
            int missing;
            while ((missing = CrashVerdict.Missing(ledger, await DeliveryCount.ReadAsync(_data.Path))) > 0)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{missing} deliveries still missing after the restart:\n{again.Output}");
                await Task.Delay(250);
            }

            await again.KillAsync();
        }

        var verdict = CrashVerdict.Judge(ledger, await DeliveryCount.ReadAsync(_data.Path));
        output.WriteLine(verdict.Summary());
        Assert.True(verdict.Passed, verdict.Details());
    }

    private static async Task SetFaultAsync(DaemonProcess daemon, string link, object fault)
    {
        using var response = await daemon.Http.PutAsJsonAsync(new Uri($"/api/links/{link}/faults", UriKind.Relative), fault);
        response.EnsureSuccessStatusCode();
    }

    private static async Task SubmitBatchAsync(DaemonProcess daemon, SubmissionLedger ledger, Random random, int first)
    {
        var ids = new List<string>();
        var bodies = new List<object>();
        for (var i = first; i < first + BatchSize; i++)
        {
            var template = CrashMessageMix.Templates[random.Next(CrashMessageMix.Templates.Length)];
            var id = string.Create(CultureInfo.InvariantCulture, $"shutdown-{i}");
            ledger.Sending(id, template);
            ids.Add(id);

            // One in five is deferred a little, so the work queue itself holds mail when the stop comes.
            bodies.Add(new
            {
                id,
                from = "postmaster@london.contoso.com",
                to = template.To,
                subject = "shutdown under load",
                body = new string('x', 1024),
                deferredUntil = i % 5 == 0 ? DateTimeOffset.UtcNow.AddSeconds(15) : (DateTimeOffset?)null,
            });
        }

        using var response = await daemon.Http.PostAsJsonAsync(new Uri("/api/messages/batch", UriKind.Relative), bodies);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        foreach (var id in ids)
        {
            ledger.Accepted(id);
        }
    }

    private static async Task<string> QueuedAsync(DaemonProcess daemon)
    {
        var queues = await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/queues", UriKind.Relative));
        return string.Join(", ", queues.EnumerateArray().Select(q => $"{q.GetProperty("name").GetString()}={q.GetProperty("length").GetInt32()}"));
    }

    public void Dispose() => _data.Dispose();
}
