using System.Collections.Immutable;

namespace MtaActors.Host.Reports;

/// <summary>One time-series chart of an HTML report: shared x (seconds since the run started) and named series (null = no value).</summary>
public sealed record HtmlChart(string Title, string Unit, ImmutableArray<double> Seconds, ImmutableArray<HtmlSeries> Series);

/// <summary>A line of an <see cref="HtmlChart"/>.</summary>
public sealed record HtmlSeries(string Label, ImmutableArray<double?> Values);

/// <summary>A span of the run drawn behind every chart (a fault while it was set).</summary>
public sealed record HtmlBand(double From, double To, string Label);

/// <summary>A moment of the run drawn as a vertical line on every chart (a timeline action).</summary>
public sealed record HtmlMarker(double At, string Label);

/// <summary>A verdict shown under the charts, with its evidence.</summary>
public sealed record HtmlVerdict(string Name, bool Passed, string Evidence);

/// <summary>Everything one self-contained HTML report shows.</summary>
public sealed record HtmlReportModel(
    string Title,
    string Subtitle,
    bool? Passed,
    ImmutableArray<HtmlChart> Charts,
    ImmutableArray<HtmlBand> Bands,
    ImmutableArray<HtmlMarker> Markers,
    ImmutableArray<HtmlVerdict> Verdicts,
    ImmutableArray<(string Name, string Value)> Facts);
