using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace MtaActors.Benchmarks;

/// <summary>
/// One configuration for every benchmark: BenchmarkDotNet's short run (3 warm-ups, 3 measured iterations) so the
/// whole suite takes minutes, in-process (no generated project to restore against this machine's NuGet mirror),
/// with allocations per operation. Whole-engine benchmarks run for seconds per invocation, so the in-process
/// timeout is raised from BenchmarkDotNet's default.
/// </summary>
public static class BenchmarkConfig
{
    public static IConfig Default { get; } = ManualConfig.CreateMinimumViable()
        .AddJob(Job.ShortRun.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(15), logOutput: true)))
        .AddDiagnoser(MemoryDiagnoser.Default)
        .WithOption(ConfigOptions.JoinSummary, true);
}
