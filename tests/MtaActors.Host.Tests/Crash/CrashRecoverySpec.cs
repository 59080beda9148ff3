using MtaActors.Tests.Common;
using Xunit.Abstractions;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// Issue 3's crash acceptance on the embedded SQLite journal: 20 trials in a row of SIGKILL under load and restart,
/// each ending with every accepted message delivered exactly once to each recipient (see <see cref="CrashHarness"/>
/// and docs/crash-test.md).
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class CrashRecoverySpec(ITestOutputHelper output)
{
    [Fact]
    public async Task Kill_9_under_load_then_restart_delivers_every_accepted_message_exactly_once_on_sqlite()
    {
        var harness = new CrashHarness(output.WriteLine);
        var first = CrashHarness.FirstSeed();
        var trials = CrashHarness.Trials(20);
        output.WriteLine($"SQLite: {trials} trials from seed {first}");
        for (var trial = 0; trial < trials; trial++)
        {
            var data = new TempDirectory("mta-crash");
            await harness.RunTrialAsync(first + trial, data.Path, []);

            // Kept on failure (the exception leaves before this) for a look at the journal and the logs.
            data.Dispose();
        }
    }
}
