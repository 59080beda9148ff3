using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Crash;

/// <summary>
/// Runs crash trials against the real daemon: on one data folder (and journal), start <c>mta run</c>, put the mixed
/// load on it, SIGKILL it at a random moment (sometimes while it is still recovering, usually while submissions and
/// deliveries are in flight), start it again on the same data, and repeat; then let it drain and judge the delivery
/// logs against what was accepted. Every random choice comes from the trial's seed, which every failure message
/// names, so a failing trial can be replayed (<c>MTA_CRASH_SEED</c>, see docs/crash-test.md).
/// </summary>
internal sealed class CrashHarness(Action<string> log)
{
    /// <summary>Kills per trial (each followed by a restart on the same data).</summary>
    public int KillsPerTrial { get; init; } = 2;

    /// <summary>The longest a trial waits for accepted mail to drain after the last restart.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(90);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The seed of the first trial: <c>MTA_CRASH_SEED</c> if set, else a fresh one.</summary>
    public static int FirstSeed()
        => int.TryParse(Environment.GetEnvironmentVariable("MTA_CRASH_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : Random.Shared.Next(1, 1_000_000);

    /// <summary>How many trials to run: <c>MTA_CRASH_TRIALS</c> if set, else <paramref name="standard"/>.</summary>
    public static int Trials(int standard)
        => int.TryParse(Environment.GetEnvironmentVariable("MTA_CRASH_TRIALS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var trials) && trials > 0
            ? trials
            : standard;

    /// <summary>One trial; returns its verdict and leaves the daemon stopped. The data folder is the caller's.</summary>
    public async Task<CrashVerdict> RunTrialAsync(int seed, string dataDirectory, IReadOnlyList<string> journalArguments)
    {
        var random = new Random(seed);
        var ledger = new SubmissionLedger();
        var output = new StringBuilder();
        for (var run = 0; run <= KillsPerTrial; run++)
        {
            var daemon = DaemonProcess.Launch(dataDirectory, journalArguments);
            try
            {
                if (run < KillsPerTrial)
                {
                    await RunUntilKilledAsync(daemon, ledger, random, $"s{seed}-r{run}");
                }
                else
                {
                    await daemon.WaitHealthyAsync(StartTimeout);
                    return await DrainAndJudgeAsync(daemon, ledger, random, seed, dataDirectory);
                }
            }
            catch (Exception e) when (e is not CrashTrialFailedException)
            {
                throw new CrashTrialFailedException($"crash trial seed {seed}, run {run}: {e.Message}\n--- daemon output ---\n{Tail(daemon.Output)}", e);
            }
            finally
            {
                output.Append(daemon.Output);
                if (!daemon.HasExited)
                {
                    await daemon.KillAsync();
                }

                await daemon.DisposeAsync();
            }
        }

        throw new InvalidOperationException("unreachable: the last run judges the trial");
    }

    private async Task RunUntilKilledAsync(DaemonProcess daemon, SubmissionLedger ledger, Random random, string idPrefix)
    {
        // One kill in five lands while the daemon is starting or recovering what the previous kill left behind.
        var duringRecovery = random.Next(5) == 0;
        var killAfter = TimeSpan.FromMilliseconds(duringRecovery ? random.Next(300, 2500) : random.Next(200, 1500));
        var faults = random.Next(2) == 0;
        var loadSeeds = new[] { random.Next(), random.Next() };
        if (!duringRecovery)
        {
            await daemon.WaitHealthyAsync(StartTimeout);
            if (faults)
            {
                await SetFaultsAsync(daemon, random);
            }
        }

        using var stop = new CancellationTokenSource();
        var loads = loadSeeds
            .Select((loadSeed, i) => new CrashLoad(daemon.Http, ledger, new Random(loadSeed), $"{idPrefix}-{i}").RunAsync(stop.Token))
            .ToArray();
        await Task.Delay(killAfter);
        await daemon.KillAsync();
        await stop.CancelAsync();
        await Task.WhenAll(loads);
        log($"  {idPrefix}: killed {killAfter.TotalMilliseconds:0} ms after {(duringRecovery ? "launch" : "healthy")}{(faults && !duringRecovery ? " with faults" : "")}; {ledger.SentCount} sent, {ledger.AcceptedCount} accepted so far");
    }

    /// <summary>Slows some links and makes some drop mid-transfer, so that more transfers are in flight when the kill comes.</summary>
    private static async Task SetFaultsAsync(DaemonProcess daemon, Random random)
    {
        foreach (var link in CrashMessageMix.Links.Where(_ => random.Next(3) == 0))
        {
            object fault = random.Next(3) == 0
                ? new { kind = "reset", rate = 0.3 }
                : new { kind = "latency", latencyMs = random.Next(20, 300), jitterMs = random.Next(0, 50) };
            using var response = await daemon.Http.PutAsJsonAsync(new Uri($"/api/links/{link}/faults", UriKind.Relative), fault);
            response.EnsureSuccessStatusCode();
        }
    }

    private async Task<CrashVerdict> DrainAndJudgeAsync(DaemonProcess daemon, SubmissionLedger ledger, Random random, int seed, string dataDirectory)
    {
        // A last short burst on the recovered daemon, so the final run also mixes new mail with recovered mail.
        using (var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await new CrashLoad(daemon.Http, ledger, new Random(random.Next()), $"s{seed}-final").RunAsync(stop.Token);
        }

        var deadline = DateTime.UtcNow + DrainTimeout;
        DeliveryCount deliveries;
        int missing;
        while ((missing = CrashVerdict.Missing(ledger, deliveries = await DeliveryCount.ReadAsync(dataDirectory))) > 0 && DateTime.UtcNow < deadline)
        {
            if (daemon.HasExited)
            {
                throw new InvalidOperationException($"the daemon exited with {daemon.ExitCode} while draining");
            }

            await Task.Delay(250);
        }

        // Stop it before judging, so nothing more arrives while we read; SIGKILL once more costs nothing.
        await daemon.KillAsync();
        deliveries = await DeliveryCount.ReadAsync(dataDirectory);
        var verdict = CrashVerdict.Judge(ledger, deliveries);
        log($"  seed {seed}: {verdict.Summary()}{(missing > 0 ? $" (still {missing} missing after {DrainTimeout.TotalSeconds:0} s)" : "")}");
        if (!verdict.Passed)
        {
            throw new CrashTrialFailedException(
                $"crash trial seed {seed} (replay: MTA_CRASH_SEED={seed} MTA_CRASH_TRIALS=1) on {dataDirectory}: {verdict.Details()}\n--- last daemon output ---\n{Tail(daemon.Output)}");
        }

        return verdict;
    }

    private static string Tail(string output, int lines = 40)
        => string.Join('\n', output.Split('\n').TakeLast(lines));
}
