using MtaActors.Core.Messages;
using MtaActors.Engine.Links;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.Operations;

/// <summary>
/// Suspending a link and disabling the MTA are journaled: a restart on the same SQLite journal starts the links
/// held, a disabled MTA answers flushes "disabled" at once and keeps delivering local mail, and enabling it lets
/// the held mail go, leaving a link suspended on its own suspended (across a second restart too).
/// </summary>
public sealed class AdministrationRestartSpec : IDisposable
{
    private readonly TempDirectory _data = new("mta-admin");

    public void Dispose() => _data.Dispose();

    private static async Task<string> StateAsync(EngineOnJournal engine, string queue)
        => (await engine.Mta.GetQueuesAsync(CancellationToken.None)).Single(q => q.Name == queue).State;

    [Fact]
    public async Task Suspended_link_and_disabled_mta_survive_restarts_and_enable_releases_only_the_mta_hold()
    {
        var topology = TestTopologies.Small(retry: EngineOnJournal.Patient);
        await using (var engine = await EngineOnJournal.StartAsync(_data.Path, topology))
        {
            await engine.Mta.SuspendAsync("imc", "gateway maintenance", CancellationToken.None);
            var disabled = await engine.Mta.DisableAsync("site move", CancellationToken.None);
            Assert.True(disabled.Disabled);
            Assert.Equal(["imc", "site-par", "x400-nyc", "x400-par"], disabled.HeldLinks.ToArray());
            await engine.Mta.SubmitAsync([TestMessages.Create(new MessageDraft { Id = "nyc-1", From = "alice@lon.test", To = ["erin@nyc.test"] })], CancellationToken.None);
        }

        await using (var engine = await EngineOnJournal.StartAsync(_data.Path, topology))
        {
            Assert.True(engine.Mta.Administration.Disabled);
            Assert.Equal("site move", engine.Mta.Administration.Reason);
            Assert.Equal(["imc"], engine.Mta.Administration.SuspendedLinks.ToArray());
            Assert.Equal("suspended", await StateAsync(engine, "x400-nyc"));
            Assert.Equal("suspended", await StateAsync(engine, "imc"));
            Assert.Equal("up", await StateAsync(engine, "local-store"));

            // KB924567: against a disabled MTA a flush answers at once, whatever its bound.
            var flush = await engine.Mta.FlushAsync("x400-nyc", null, TimeSpan.FromSeconds(30), CancellationToken.None);
            Assert.Equal(FlushOutcomes.Disabled, flush.Outcome);

            // Local delivery goes on while the MTA is disabled; New York's mail waits.
            await engine.Mta.SubmitAsync([TestMessages.Create(new MessageDraft { Id = "bob-1", From = "alice@lon.test", To = ["bob@lon.test"] })], CancellationToken.None);
            await EngineOnJournal.EventuallyAsync(() => engine.Delivered("local-store") >= 1);
            Assert.Equal(0, engine.Delivered("NewYork"));

            var enabled = await engine.Mta.EnableAsync(CancellationToken.None);
            Assert.False(enabled.Disabled);
            Assert.Equal(["imc"], enabled.HeldLinks.ToArray());
            await EngineOnJournal.EventuallyAsync(() => engine.Delivered("NewYork") == 1);
            Assert.Equal("suspended", await StateAsync(engine, "imc"));
        }

        await using (var engine = await EngineOnJournal.StartAsync(_data.Path, topology))
        {
            Assert.False(engine.Mta.Administration.Disabled);
            Assert.Equal("suspended", await StateAsync(engine, "imc"));
            Assert.Equal("up", await StateAsync(engine, "x400-nyc"));
            await engine.Mta.ResumeAsync("imc", CancellationToken.None);
            Assert.Empty(engine.Mta.Administration.SuspendedLinks);
        }

        await using (var engine = await EngineOnJournal.StartAsync(_data.Path, topology))
        {
            Assert.Equal("up", await StateAsync(engine, "imc"));
        }
    }

    [Fact]
    public async Task Resuming_a_link_while_the_mta_is_disabled_keeps_it_held_by_the_mta()
    {
        await using var engine = await EngineOnJournal.StartAsync(_data.Path, TestTopologies.Small(retry: EngineOnJournal.Patient));
        await engine.Mta.SuspendAsync("x400-par", "maintenance", CancellationToken.None);
        await engine.Mta.DisableAsync("site move", CancellationToken.None);

        var status = await engine.Mta.ResumeAsync("x400-par", CancellationToken.None);

        Assert.Equal("suspended", status.State);
        Assert.Empty(engine.Mta.Administration.SuspendedLinks);
        Assert.Contains("x400-par", engine.Mta.Administration.HeldLinks);
    }
}
