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

    public static async Task<ConsoleBrowser> OpenAsync(Uri address) => await OpenAsync(address, context: null);

    /// <summary>Opens <paramref name="address"/> in a fresh page; <paramref name="context"/> may prepare the page first (routes, handlers).</summary>
    public static async Task<ConsoleBrowser> OpenAsync(Uri address, Func<IPage, Task>? context)
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
        if (context is not null)
        {
            await context(page);
        }

        await page.GotoAsync(address.ToString());
        return console;
    }

    /// <summary>
    /// Errors the page itself raised: exceptions and console.error lines, except the browser's own note of an HTTP error
    /// answer (an API refusal the page shows the user is not a page error).
    /// </summary>
    public IReadOnlyList<string> Errors => [.. Log.Where(l => l.StartsWith("page error", StringComparison.Ordinal)
        || (l.StartsWith("console.error", StringComparison.Ordinal) && !l.Contains("Failed to load resource", StringComparison.Ordinal)))];

    /// <summary>Saves a full-page screenshot under the test output's <c>screenshots</c> folder; returns its path.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "screenshots", $"{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
