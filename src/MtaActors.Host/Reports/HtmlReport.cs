using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MtaActors.Host.Reports;

/// <summary>
/// Writes an <see cref="HtmlReportModel"/> as one self-contained HTML file: uPlot (the console's vendored copy), the
/// report's script and its data are inlined, so the file opens offline, mailed or archived, with nothing beside it.
/// </summary>
public static class HtmlReport
{
    private static readonly Assembly Assembly = typeof(HtmlReport).Assembly;

    public static async Task WriteAsync(HtmlReportModel model, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = Render(model);
        await File.WriteAllTextAsync(path, html, cancellationToken).ConfigureAwait(false);
    }

    public static string Render(HtmlReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var data = Data(model).ToJsonString(new JsonSerializerOptions { WriteIndented = false });
        // Inside <script>, "</" would end the element: escape it (JSON allows "\/").
        data = data.Replace("</", "<\\/", StringComparison.Ordinal);
        var title = WebUtility.HtmlEncode(model.Title);
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{{title}}</title>
            <style>{{Resource("console/vendor/uplot/uPlot.min.css")}}</style>
            <style>{{Resource("reports/report.css")}}</style>
            </head>
            <body>
            <h1>{{title}}</h1>
            <p class="subtitle">{{WebUtility.HtmlEncode(model.Subtitle)}}</p>
            <div id="report"></div>
            <script>{{Resource("console/vendor/uplot/uPlot.iife.min.js")}}</script>
            <script>window.REPORT = {{data}};</script>
            <script>{{Resource("reports/report.js")}}</script>
            </body>
            </html>
            """;
    }

    private static JsonObject Data(HtmlReportModel model) => new()
    {
        ["passed"] = model.Passed,
        ["facts"] = new JsonArray([.. model.Facts.Select(f => (JsonNode)new JsonObject { ["name"] = f.Name, ["value"] = f.Value })]),
        ["charts"] = new JsonArray([.. model.Charts.Select(c => (JsonNode)new JsonObject
        {
            ["title"] = c.Title,
            ["unit"] = c.Unit,
            ["x"] = new JsonArray([.. c.Seconds.Select(s => (JsonNode?)JsonValue.Create(Math.Round(s, 3)))]),
            ["series"] = new JsonArray([.. c.Series.Select(s => (JsonNode)new JsonObject
            {
                ["label"] = s.Label,
                ["values"] = new JsonArray([.. s.Values.Select(v => v is { } value && double.IsFinite(value) ? (JsonNode?)JsonValue.Create(Math.Round(value, 3)) : null)]),
            })]),
        })]),
        ["bands"] = new JsonArray([.. model.Bands.Select(b => (JsonNode)new JsonObject { ["from"] = b.From, ["to"] = b.To, ["label"] = b.Label })]),
        ["markers"] = new JsonArray([.. model.Markers.Select(m => (JsonNode)new JsonObject { ["at"] = m.At, ["label"] = m.Label })]),
        ["verdicts"] = new JsonArray([.. model.Verdicts.Select(v => (JsonNode)new JsonObject { ["name"] = v.Name, ["passed"] = v.Passed, ["evidence"] = v.Evidence })]),
    };

    private static string Resource(string name)
    {
        using var stream = Assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"resource {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
