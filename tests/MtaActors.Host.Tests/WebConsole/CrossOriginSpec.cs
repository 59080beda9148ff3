using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MtaActors.Tests.Common;

namespace MtaActors.Host.Tests.WebConsole;

/// <summary>
/// A page from another origin (another port on the same loopback address, so the browser's own private-network rules
/// play no part) tries everything a browser sends without asking: "simple" text/plain and form POSTs, and a JSON POST
/// that needs a preflight. The daemon's state must not change.
/// </summary>
public sealed class CrossOriginSpec : IDisposable
{
    private readonly TempDirectory _data = new();

    [Fact]
    public async Task Page_on_another_origin_cannot_change_the_daemons_state_through_the_consoles_endpoints()
    {
        await using var daemon = await DaemonProcess.StartAsync(_data.Path);
        var target = daemon.BaseAddress.ToString().TrimEnd('/');
        var attacker = AttackerPage(target);
        using var site = new HttpListener();
        var origin = $"http://127.0.0.1:{FreePort.Next()}/";
        site.Prefixes.Add(origin);
        site.Start();
        var serving = ServeAsync(site, attacker);

        await using (var browser = await ConsoleBrowser.OpenAsync(new Uri(origin)))
        {
            // The page says when every attempt has settled (answered, refused or blocked by the browser).
            await browser.Page.WaitForFunctionAsync("() => window.attempted === true", null, new() { Timeout = 20000 });
            await browser.ScreenshotAsync("cross-origin-attempts");
        }

        var stats = await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/stats", UriKind.Relative));
        Assert.Equal(0, stats.GetProperty("accepted").GetInt64());
        var mta = await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/mta", UriKind.Relative));
        Assert.False(mta.GetProperty("disabled").GetBoolean());
        var queues = await daemon.Http.GetFromJsonAsync<JsonElement>(new Uri("/api/queues", UriKind.Relative));
        Assert.DoesNotContain(queues.EnumerateArray(), q => q.GetProperty("name").GetString() != "poison" && q.GetProperty("state").GetString() == "suspended");
        Assert.Equal("[]", await daemon.Http.GetStringAsync(new Uri("/api/faults", UriKind.Relative)));

        // The same request with the daemon's own origin is what the console sends: that one is served (so the attempts
        // above were refused for their origin, not for their shape).
        using var own = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/links/x400-paris/suspend", UriKind.Relative));
        own.Headers.Add("Origin", target);
        using var served = await daemon.Http.SendAsync(own);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);

        site.Stop();
        await serving;
    }

    public void Dispose() => _data.Dispose();

    /// <summary>The attacker's page: every way a page can fire a state change at another origin without its consent.</summary>
    private static string AttackerPage(string target) => $$"""
        <!doctype html>
        <html><body>
        <iframe name="sink" style="display:none"></iframe>
        <form id="suspend" method="post" action="{{target}}/api/links/x400-paris/suspend" target="sink"></form>
        <form id="disable" method="post" enctype="text/plain" action="{{target}}/api/mta/disable" target="sink">
          <input name='{"reason":"x","ignore":"' value='"}'>
        </form>
        <script>
        const target = "{{target}}";
        const message = JSON.stringify({ from: "jsmith@london.contoso.com", to: ["mjones@london.contoso.com"], subject: "csrf" });
        const attempts = [
          fetch(target + "/api/messages", { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: message }),
          fetch(target + "/api/messages", { method: "POST", mode: "no-cors", body: new URLSearchParams({ from: "a" }) }),
          fetch(target + "/api/messages", { method: "POST", headers: { "Content-Type": "application/json" }, body: message }),
          fetch(target + "/api/mta/disable", { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: "{}" }),
          fetch(target + "/api/links/x400-paris/faults", { method: "PUT", headers: { "Content-Type": "application/json" }, body: '{"kind":"down"}' }),
          fetch(target + "/api/purge", { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: '{"classes":["link-monitor"]}' }),
          fetch(target + "/api/queues/work-queue/retry", { method: "POST", mode: "no-cors" }),
        ].map(p => p.catch(() => null));
        document.getElementById("suspend").submit();
        document.getElementById("disable").submit();
        Promise.all(attempts).then(() => setTimeout(() => { window.attempted = true; }, 1500));
        </script>
        </body></html>
        """;

    private static async Task ServeAsync(HttpListener site, string page)
    {
        var bytes = Encoding.UTF8.GetBytes(page);
        while (site.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await site.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
