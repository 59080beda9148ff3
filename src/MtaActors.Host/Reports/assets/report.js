// Renders window.REPORT (written by HtmlReport.cs): facts, one uPlot chart per time series with the run's fault
// bands and action markers drawn behind the lines, and the verdicts with their evidence.
"use strict";
(function () {
  const report = window.REPORT;
  const root = document.getElementById("report");
  const palette = ["#0969da", "#1a7f37", "#cf222e", "#8250df", "#9a6700", "#bf3989", "#1b7c83", "#57606a"];

  const el = (tag, attrs, ...children) => {
    const e = document.createElement(tag);
    Object.assign(e, attrs || {});
    e.append(...children);
    return e;
  };

  if (report.passed !== null) {
    root.append(el("p", {}, el("span", { className: `verdict ${report.passed ? "pass" : "fail"}`, textContent: report.passed ? "PASS" : "FAIL" })));
  }
  if (report.facts.length) {
    root.append(el("div", { className: "facts" }, ...report.facts.map((f) => el("div", {}, el("b", { textContent: f.value }), f.name))));
  }

  // Fault bands (translucent) and action markers (dashed), in chart coordinates, under the series.
  function annotate(u) {
    const ctx = u.ctx;
    const top = u.bbox.top, height = u.bbox.height;
    ctx.save();
    report.bands.forEach((b, i) => {
      const x0 = u.valToPos(b.from, "x", true), x1 = u.valToPos(b.to, "x", true);
      ctx.fillStyle = i % 2 ? "rgba(207,34,46,0.10)" : "rgba(251,143,68,0.16)";
      ctx.fillRect(x0, top, Math.max(x1 - x0, 1), height);
    });
    ctx.strokeStyle = "rgba(87,96,106,0.8)";
    ctx.setLineDash([4, 4]);
    for (const m of report.markers) {
      const x = u.valToPos(m.at, "x", true);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, top + height);
      ctx.stroke();
    }
    ctx.restore();
  }

  for (const chart of report.charts) {
    root.append(el("h2", { textContent: chart.title }));
    const holder = el("div", { className: "chart" });
    holder.dataset.chart = chart.title;
    root.append(holder);
    const series = [{ label: "seconds" }].concat(chart.series.map((s, i) => ({ label: s.label, stroke: palette[i % palette.length], spanGaps: false, points: { show: false } })));
    new uPlot({
      width: Math.min(window.innerWidth - 64, 1200), height: 260,
      scales: { x: { time: false } },
      axes: [{ label: "seconds since the load started" }, { label: chart.unit }],
      series,
      hooks: { drawClear: [annotate] },
    }, [chart.x].concat(chart.series.map((s) => s.values)), holder);
  }

  if (report.bands.length || report.markers.length) {
    root.append(el("h2", { textContent: "Timeline" }));
    const rows = report.markers.map((m) => el("tr", {}, el("td", { textContent: m.at.toFixed(2) + " s" }), el("td", { textContent: m.label })));
    root.append(el("p", { className: "legend-note", textContent: "Shaded: faults while set. Dashed: timeline actions." }));
    root.append(el("table", {}, el("thead", {}, el("tr", {}, el("th", { textContent: "at" }), el("th", { textContent: "action" }))), el("tbody", {}, ...rows)));
  }

  if (report.verdicts.length) {
    root.append(el("h2", { textContent: "Invariants" }));
    const rows = report.verdicts.map((v) => {
      const tr = el("tr", {}, el("td", {}, el("span", { className: `verdict ${v.passed ? "pass" : "fail"}`, textContent: v.passed ? "PASS" : "FAIL" })),
        el("td", { textContent: v.name }), el("td", { textContent: v.evidence }));
      tr.dataset.verdict = v.name;
      return tr;
    });
    root.append(el("table", { id: "verdicts" }, el("tbody", {}, ...rows)));
  }
})();
