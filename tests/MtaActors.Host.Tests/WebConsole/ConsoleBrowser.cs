using Microsoft.Playwright;

namespace MtaActors.Host.Tests.WebConsole;

/// <summary>
/// Debian's Chromium driven by Playwright (which cannot download a browser of its own here), headless, with the
/// flags that keep it from reaching for the network beyond loopback.
/// </summary>
internal sealed class ConsoleBrowser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private ConsoleBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    /// <summary>Console messages and page errors, for the assertion messages when something goes wrong.</summary>
    public List<string> Log { get; } = [];

    public static async Task<ConsoleBrowser> OpenAsync(Uri address)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: install Debian's chromium (.ci/run does)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync();
        var console = new ConsoleBrowser(playwright, browser, page);
        page.Console += (_, message) => console.Log.Add($"console.{message.Type}: {message.Text}");
        page.PageError += (_, error) => console.Log.Add($"page error: {error}");
        await page.GotoAsync(address.ToString());
        return console;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
