using System.Text.Json;
using Akka.Actor;
using MtaActors.Core.Topology;
using MtaActors.Engine.Hosting;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Bench;

/// <summary><c>mta bench --http</c> against the admin API on a real socket over a real engine running the sample topology.</summary>
public sealed class BenchHttpSpec
{
    [Fact]
    public async Task Batch_api_run_counts_every_message_recorded_by_the_daemons_sites()
    {
        using var data = new TempDirectory();
        var topologyFile = RepositoryPaths.Config("topology.json");
        var settings = new MtaEngineSettings { Topology = TopologyLoader.Load(topologyFile), DataDirectory = data.Path, Journal = JournalKind.Memory };
        var system = ActorSystem.Create("bench-http", AkkaConfigs.InMemory());
        try
        {
            var gateway = await MtaEngine.StartAsync(system, settings, CancellationToken.None);
            await using var server = await ApiServer.StartAsync(gateway);

            var run = await CliRun.InvokeAsync("bench", "--http", server.Address.ToString(), "--config", topologyFile, "--messages", "120", "--batch", "30", "--timeout", "30", "--json");

            Assert.Equal(0, run.ExitCode);
            using var report = JsonDocument.Parse(run.Out);
            var figures = report.RootElement.GetProperty("run");
            Assert.Equal(120, figures.GetProperty("accepted").GetInt64());
            Assert.Equal(120, figures.GetProperty("delivered").GetInt64());
            Assert.Equal(120, figures.GetProperty("sitesRecorded").GetInt64());
            Assert.StartsWith("attributed", figures.GetProperty("latencyBasis").GetString());
            Assert.Equal(120, gateway.GetStatistics().Accepted);
        }
        finally
        {
            await system.Terminate().WaitAsync(TimeSpan.FromSeconds(15));
        }
    }
}
