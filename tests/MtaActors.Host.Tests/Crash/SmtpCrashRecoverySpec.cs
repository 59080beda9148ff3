using MtaActors.Tests.Common;
using Xunit.Abstractions;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// Issue 11's inbound crash acceptance on the embedded SQLite journal: 20 SIGKILLs while MailKit clients send over
/// SMTP, each followed by a restart and the resends a correct client makes; in the end every message that saw a 250 is
/// delivered exactly once and the resends are counted as deduplicated (see <see cref="SmtpCrashHarness"/>).
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class SmtpCrashRecoverySpec(ITestOutputHelper output)
{
    [Fact]
    public async Task Kill_9_while_clients_send_over_SMTP_then_resend_delivers_every_message_answered_250_exactly_once_on_sqlite()
    {
        var seed = CrashHarness.FirstSeed();
        var kills = CrashHarness.Trials(20);
        output.WriteLine($"SMTP in, SQLite: {kills} kills from seed {seed}");
        var data = new TempDirectory("mta-smtp-crash");
        await new SmtpCrashHarness(output.WriteLine).RunAsync(seed, kills, data.Path);

        // Kept on failure (the exception leaves before this) for a look at the journal and the logs.
        data.Dispose();
    }
}
