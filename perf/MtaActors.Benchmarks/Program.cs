using BenchmarkDotNet.Running;
using MtaActors.Benchmarks;

// `dotnet run -c Release --project perf/MtaActors.Benchmarks -- --filter '*'` runs everything;
// `--filter '*RoutingTable*'` one class; `--list flat` names them all.
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkConfig).Assembly).Run(args, BenchmarkConfig.Default);
