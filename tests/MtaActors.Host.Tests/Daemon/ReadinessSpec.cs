using System.Net;
using System.Text;
using MtaActors.Host.Tests.Operations;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Daemon;

/// <summary>
/// <c>/health</c> says 200 only once every queue has recovered (docs/api.md). A daemon whose secured queue cannot
/// recover its journal must never have said healthy nor accepted mail before it stops: accepting mail and then
/// stopping is worse than not starting.
/// </summary>
public sealed class ReadinessSpec : IDisposable
{
    private readonly TempDirectory _data = new("mta-readiness");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task Daemon_with_an_unrecoverable_secured_queue_never_says_healthy_nor_accepts_mail_and_exits_1()
    {
        // A journal the real daemon laid out (registry, tables), then one unreadable event on imc-internet's queue.
        await using (var first = await DaemonProcess.StartAsync(_data.Path))
        {
            await first.StopAsync(TimeSpan.FromSeconds(30));
        }

        await JournalPlanter.ExecuteAsync(_data.Path, """
            INSERT INTO journal (created, deleted, persistence_id, sequence_number, message, manifest, identifier, writer_uuid)
            VALUES (0, 0, 'secured-queue-imc-internet', 1, x'7b2262', 'sq.enqueued.v1', 7451, 'planted')
            """);

        await using var daemon = DaemonProcess.Launch(_data.Path);
        var answers = new List<string>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        using var submission = new StringContent("""{"from":"postmaster@london.contoso.com","to":["someone@example.com"]}""", Encoding.UTF8, "application/json");
        while (!daemon.HasExited)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the daemon was still running after 120 s:\n{daemon.Output}");
            try
            {
                using var health = await daemon.Http.GetAsync(new Uri("/health", UriKind.Relative));
                answers.Add($"health {(int)health.StatusCode}");
                using var submitted = await daemon.Http.PostAsync(new Uri("/api/messages", UriKind.Relative), submission);
                answers.Add($"submit {(int)submitted.StatusCode}");
            }
            catch (HttpRequestException)
            {
                // not listening yet, or already gone
            }

            await Task.Delay(20);
        }

        Assert.Equal(1, daemon.ExitCode);
        Assert.DoesNotContain($"health {(int)HttpStatusCode.OK}", answers);
        Assert.DoesNotContain($"submit {(int)HttpStatusCode.Accepted}", answers);
        Assert.Contains("mta: stopped because", daemon.Output, StringComparison.Ordinal);
    }
}
