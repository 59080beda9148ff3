using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using MtaActors.Core.Addressing;
using MtaActors.Core.Routing;
using MtaActors.Tests.Common;

namespace MtaActors.Benchmarks;

/// <summary>Address-space matching on a table of 10,000 spaces (the same table the scale spec checks against a full scan).</summary>
public class RoutingTableBenchmarks
{
    private const int AddressCount = 1_000;

    private RoutingTable _table = RoutingTable.Empty;
    private Address[] _addresses = [];

    [GlobalSetup]
    public void Setup()
    {
        _table = new RoutingTable(LargeRoutingTable.Routes());
        var random = new Random(42);
        _addresses = [.. Enumerable.Range(0, AddressCount).Select(_ => LargeRoutingTable.RandomAddress(random))];
    }

    /// <summary>Candidates for 1,000 mixed addresses; divide the mean by 1,000 for one lookup.</summary>
    [Benchmark(OperationsPerInvoke = AddressCount)]
    public int Candidates()
    {
        var found = 0;
        foreach (var address in _addresses)
        {
            found += _table.Candidates(address).Length;
        }

        return found;
    }

    [Benchmark]
    public ImmutableArray<LinkRoute> Build() => new RoutingTable(LargeRoutingTable.Routes()).Routes;
}
