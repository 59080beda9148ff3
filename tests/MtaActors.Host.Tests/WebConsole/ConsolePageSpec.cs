using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.WebConsole;

/// <summary>The web console of a real daemon in a real browser: what it shows, how fast it follows, what its controls do.</summary>
public sealed class ConsolePageSpec : IDisposable
{
    /// <summary>The issue's bound: a change made elsewhere shows on the page within 2 s.</summary>
    private static readonly LocatorAssertionsToContainTextOptions WithinTwoSeconds = new() { Timeout = 2000 };
    private static readonly LocatorAssertionsToContainTextOptions Patiently = new() { Timeout = 15000 };
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Console_shows_every_queue_and_a_fault_set_from_the_cli_within_two_seconds()
    {
        await using var daemon = await DaemonProcess.StartAsync(_data.Path);
        await using var browser = await ConsoleBrowser.OpenAsync(daemon.BaseAddress);
        var page = browser.Page;

        var queues = await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/queues", UriKind.Relative));
        foreach (var queue in queues.EnumerateArray())
        {
            var name = queue.GetProperty("name").GetString()!;
            await Assertions.Expect(page.GetByTestId($"state-{name}")).ToContainTextAsync(queue.GetProperty("state").GetString()!, Patiently);
        }

        Assert.Equal(queues.GetArrayLength(), await page.Locator("#queues tbody tr").CountAsync());
        await Assertions.Expect(page.GetByTestId("queue-work-queue")).ToContainTextAsync("work-queue");
        await Assertions.Expect(page.GetByTestId("mta-state")).ToContainTextAsync("enabled");

        var set = await CliRun.InvokeAsync("fault", "set", "x400-paris", "latency", "--latency-ms", "750", "--http", daemon.BaseAddress.ToString());
        Assert.True(set.ExitCode == 0, set.Error);
        await Assertions.Expect(page.GetByTestId("faults-x400-paris")).ToContainTextAsync("latency latencyMs=750", WithinTwoSeconds);

        var suspend = await daemon.Http.PostAsync(new Uri("/api/links/site-paris/suspend", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        await Assertions.Expect(page.GetByTestId("state-site-paris")).ToContainTextAsync("suspended", WithinTwoSeconds);

        // Mail submitted through the API moves the page's delivered counter.
        await Assertions.Expect(page.GetByTestId("total-delivered")).ToHaveTextAsync("0delivered", new() { Timeout = 15000 });
        using (var post = await daemon.Http.PostAsJsonAsync(
            new Uri("/api/messages/batch", UriKind.Relative),
            Enumerable.Range(0, 5).Select(i => new { from = "jsmith@london.contoso.com", to = new[] { "mjones@london.contoso.com", "apatel@london.contoso.com" }, subject = $"n{i}" })))
        {
            Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        }

        await Assertions.Expect(page.GetByTestId("total-delivered")).ToHaveTextAsync("10delivered", new() { Timeout = 15000 });
        await Assertions.Expect(page.GetByTestId("total-accepted")).ToHaveTextAsync("5accepted", new() { Timeout = 15000 });
        await browser.ScreenshotAsync("console-overview");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Console_controls_set_and_clear_faults_suspend_links_disable_the_mta_and_track_and_remove_a_message()
    {
        await using var daemon = await DaemonProcess.StartAsync(_data.Path);
        await using var browser = await ConsoleBrowser.OpenAsync(daemon.BaseAddress);
        var page = browser.Page;
        await Assertions.Expect(page.GetByTestId("state-x400-paris")).ToContainTextAsync("up", Patiently);

        // A fault with its parameters, through the form; then cleared with its chip's button.
        await page.GetByTestId("fault-link").SelectOptionAsync("x400-paris");
        await page.GetByTestId("fault-kind").SelectOptionAsync("error-rate");
        await page.GetByTestId("fault-rate").FillAsync("0.25");
        await page.GetByTestId("fault-set").ClickAsync();
        await Assertions.Expect(page.GetByTestId("faults-x400-paris")).ToContainTextAsync("error-rate rate=0.25", Patiently);
        Assert.Equal("""[{"kind":"error-rate","rate":0.25}]""", await GetTextAsync(daemon, "/api/links/x400-paris/faults"));
        await page.GetByTestId("clear-x400-paris-error-rate").ClickAsync();
        await Assertions.Expect(page.GetByTestId("faults-x400-paris")).Not.ToContainTextAsync("error-rate", Patiently);
        Assert.Equal("[]", await GetTextAsync(daemon, "/api/links/x400-paris/faults"));

        // hang through the page: the link's next transfer times out (the sample topology's normal transfer timeout is
        // 10 s), and the page shows it retrying; cleared through the page, it comes back up.
        await page.GetByTestId("fault-link").SelectOptionAsync("x400-newyork");
        await page.GetByTestId("fault-kind").SelectOptionAsync("hang");
        await page.GetByTestId("fault-set").ClickAsync();
        await Assertions.Expect(page.GetByTestId("faults-x400-newyork")).ToContainTextAsync("hang", Patiently);
        using (var post = await daemon.Http.PostAsJsonAsync(
            new Uri("/api/messages", UriKind.Relative),
            new { from = "jsmith@london.contoso.com", to = new[] { "kwalker@newyork.contoso.com" }, subject = "into the hang" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        }

        await Assertions.Expect(page.GetByTestId("state-x400-newyork")).ToContainTextAsync("retrying", new() { Timeout = 30000 });
        await browser.ScreenshotAsync("console-link-hung");
        await page.GetByTestId("clear-x400-newyork-hang").ClickAsync();
        await Assertions.Expect(page.GetByTestId("faults-x400-newyork")).Not.ToContainTextAsync("hang", Patiently);
        Assert.Equal("[]", await GetTextAsync(daemon, "/api/links/x400-newyork/faults"));
        await Assertions.Expect(page.GetByTestId("state-x400-newyork")).ToContainTextAsync("up", new() { Timeout = 30000 });

        // A link suspended and resumed from the page.
        await page.GetByTestId("suspend-x400-paris").ClickAsync();
        await Assertions.Expect(page.GetByTestId("state-x400-paris")).ToContainTextAsync("suspended", Patiently);
        await page.GetByTestId("resume-x400-paris").ClickAsync();
        await Assertions.Expect(page.GetByTestId("state-x400-paris")).ToContainTextAsync("up", Patiently);

        // The MTA disabled with a reason: every outbound link holds, so mail for Paris waits in the work queue.
        await page.GetByTestId("mta-reason").FillAsync("site move");
        await page.GetByTestId("mta-disable").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mta-state")).ToContainTextAsync("disabled: site move", Patiently);
        var mta = await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/mta", UriKind.Relative));
        Assert.True(mta.GetProperty("disabled").GetBoolean());

        using (var post = await daemon.Http.PostAsJsonAsync(
            new Uri("/api/messages", UriKind.Relative),
            new { id = "console-1", from = "jsmith@london.contoso.com", to = new[] { "pdupont@paris.contoso.com" }, subject = "waits" }))
        {
            Assert.Equal(HttpStatusCode.Accepted, post.StatusCode);
        }

        await page.GetByTestId("search-id").FillAsync("console-1");
        await page.GetByTestId("search").ClickAsync();
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("accepted", Patiently);

        // Hold applies to a link's queue only: the API's refusal is shown, not swallowed.
        await page.GetByTestId("message-hold").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("hold console-1:", Patiently);
        await page.GetByTestId("message-remove").ClickAsync();
        await Assertions.Expect(page.GetByTestId("history")).ToContainTextAsync("removed", Patiently);
        var history = await page.GetByTestId("history").InnerTextAsync();
        Assert.Contains("\tnon-delivered\t", history, StringComparison.Ordinal); // the NDR the remove asked for
        Assert.DoesNotMatch(@"\tdelivered\tconsole-1\t", history); // the report on it is delivered, the message itself never

        await page.GetByTestId("mta-enable").ClickAsync();
        await Assertions.Expect(page.GetByTestId("mta-state")).ToContainTextAsync("enabled", Patiently);

        await page.GetByTestId("retry-work-queue").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToContainTextAsync("retry work-queue: up", Patiently);
        await browser.ScreenshotAsync("console-message-history");
        Assert.Empty(browser.Errors);
    }

    public void Dispose() => _data.Dispose();

    private static async Task<string> GetTextAsync(DaemonProcess daemon, string path)
        => await daemon.Http.GetStringAsync(new Uri(path, UriKind.Relative));
}
