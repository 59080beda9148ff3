// The MtaActors console: polls the admin API every second and drives it; no state of its own beyond the last
// minutes of figures it draws. Every control is a call of the documented API (docs/api.md).
"use strict";

const POLL_MS = 1000;
const HISTORY_POINTS = 300; // five minutes at one point a second

// Fault kinds and their parameters, as docs/faults.md lists them.
const FAULT_KINDS = {
  "down": [],
  "hang": [],
  "latency": [["latencyMs", 200], ["jitterMs", 0]],
  "bandwidth": [["bytesPerSecond", 10000]],
  "error-rate": [["rate", 0.5]],
  "flap": [["upMs", 2000], ["downMs", 1000]],
  "corrupt": [["rate", 0.5]],
  "reset": [["rate", 1]],
  "crash": [["subject", ""]],
};

const $ = (id) => document.getElementById(id);
const state = {
  token: sessionStorage.getItem("mta-token") || "",
  history: { at: [], delivered: [], workQueue: [] },
  lastDelivered: null,          // { at, total, perLink: Map }
  perLinkRate: new Map(),       // link -> [rates]
  sparks: new Map(),            // link -> uPlot
  chart: null,
  links: [],
  trackedId: null,
  trackedSince: 0,
  trackPolls: 0,
};

// ---- the API ---------------------------------------------------------------------------------------------------

class ApiError extends Error {}

async function call(method, path, body) {
  const headers = {};
  if (state.token) headers["Authorization"] = `Bearer ${state.token}`;
  const init = { method, headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    $("token-box").hidden = false;
    throw new ApiError("the admin token is missing or wrong");
  }
  const text = await response.text();
  const type = response.headers.get("content-type") || "";
  const value = type.includes("json") && text ? JSON.parse(text) : text;
  if (!response.ok) throw new ApiError(value && value.error ? value.error : `${response.status} ${response.statusText}`);
  return value;
}

function notice(text, isError) {
  const el = $("notice");
  el.textContent = text;
  el.className = isError ? "error" : "";
}

// The notice shows the latest action's outcome: an earlier action answered late must not overwrite it.
let lastAction = 0;

async function act(label, operation) {
  const id = ++lastAction;
  try {
    const result = await operation();
    if (id === lastAction) notice(`${label}: ${summary(result)}`, false);
    await refresh();
  } catch (e) {
    if (id === lastAction) notice(`${label}: ${e.message}`, true);
  }
}

function summary(result) {
  if (result == null || result === "") return "done";
  if (Array.isArray(result)) return result.length === 0 ? "none left" : JSON.stringify(result);
  if (result.outcome) return result.outcome;
  if (result.state) return result.state;
  if (result.queues) return result.queues.map((q) => `${q.queue}: ${q.outcome}`).join(", ");
  return JSON.stringify(result);
}

const path = (...parts) => parts.map(encodeURIComponent).join("/");

// ---- reading the figures ---------------------------------------------------------------------------------------

// Per-link delivered totals from the Prometheus text of /metrics (docs/metrics.md).
function deliveredPerLink(metricsText) {
  const perLink = new Map();
  for (const line of metricsText.split("\n")) {
    const m = /^mta_messages_delivered_total\{link="([^"]*)"\} (\S+)$/.exec(line);
    if (m) perLink.set(m[1], Number(m[2]));
  }
  return perLink;
}

function record(stats, perLink) {
  const now = Date.now() / 1000;
  const total = [...perLink.values()].reduce((a, b) => a + b, 0);
  const last = state.lastDelivered;
  if (last) {
    const seconds = Math.max(now - last.at, 0.001);
    push(state.history.at, now);
    push(state.history.delivered, (total - last.total) / seconds);
    push(state.history.workQueue, stats.workQueueLength);
    for (const [link, value] of perLink) {
      const rates = state.perLinkRate.get(link) || [];
      push(rates, (value - (last.perLink.get(link) ?? value)) / seconds);
      state.perLinkRate.set(link, rates);
    }
  }
  state.lastDelivered = { at: now, total, perLink };
}

function push(series, value) {
  series.push(value);
  if (series.length > HISTORY_POINTS) series.shift();
}

// ---- drawing ---------------------------------------------------------------------------------------------------

function renderMta(mta) {
  const badge = $("mta-state");
  badge.textContent = mta.disabled ? `disabled: ${mta.reason}` : "enabled";
  badge.className = `badge ${mta.disabled ? "disabled" : "enabled"}`;
  $("mta-disable").disabled = mta.disabled;
  $("mta-enable").disabled = !mta.disabled;
}

function renderTotals(stats) {
  const rate = state.history.delivered.at(-1) ?? 0;
  const items = [
    ["accepted", stats.accepted], ["delivered", stats.delivered], ["delivered/s", rate.toFixed(1)],
    ["non-delivered", stats.nonDelivered], ["rerouted", stats.rerouted],
    ["duplicates suppressed", stats.duplicatesSuppressed], ["work queue", stats.workQueueLength],
    ["quarantined", stats.quarantined],
  ];
  $("totals").replaceChildren(...items.map(([name, value]) => {
    const div = document.createElement("div");
    div.dataset.testid = `total-${name.replace(/[^a-z]+/g, "-")}`;
    const b = document.createElement("b");
    b.textContent = value;
    div.append(b, name);
    return div;
  }));
}

function renderChart() {
  const h = state.history;
  const data = [h.at, h.delivered, h.workQueue];
  if (!state.chart) {
    state.chart = new uPlot({
      width: Math.min(window.innerWidth - 48, 1100), height: 220,
      series: [{}, { label: "delivered/s", stroke: "#1a7f37" }, { label: "work queue", stroke: "#0969da", scale: "q" }],
      axes: [{}, { label: "recipients/s" }, { side: 1, scale: "q", label: "messages", grid: { show: false } }],
    }, data, $("chart"));
  } else {
    state.chart.setData(data);
  }
}

function spark(link) {
  const rates = state.perLinkRate.get(link) || [];
  const xs = state.history.at.slice(-rates.length);
  const data = [xs, rates.slice(-xs.length)];
  let plot = state.sparks.get(link);
  if (!plot) {
    const holder = document.createElement("span");
    holder.className = "spark";
    plot = new uPlot({
      width: 120, height: 28, legend: { show: false }, cursor: { show: false },
      axes: [{ show: false }, { show: false }], scales: { x: { time: false } },
      series: [{}, { stroke: "#1a7f37", fill: "rgba(26,127,55,.15)", points: { show: false } }],
    }, data, holder);
    state.sparks.set(link, plot);
  } else {
    plot.setData(data);
  }
  return plot.root.parentElement;
}

function cell(content, className) {
  const td = document.createElement("td");
  if (className) td.className = className;
  if (content instanceof Node) td.append(content); else td.textContent = content;
  return td;
}

function button(label, testid, onclick) {
  const b = document.createElement("button");
  b.type = "button";
  b.textContent = label;
  b.dataset.testid = testid;
  b.addEventListener("click", onclick);
  return b;
}

function renderQueues(queues, faults) {
  const faultsOf = new Map(faults.map((f) => [f.link.toLowerCase(), f.faults]));
  const rows = queues.map((q) => {
    const tr = document.createElement("tr");
    tr.dataset.testid = `queue-${q.name}`;
    const isLink = q.kind !== "work-queue" && q.name !== "poison";
    const stateBadge = document.createElement("span");
    stateBadge.className = `badge ${q.state}`;
    stateBadge.dataset.testid = `state-${q.name}`;
    stateBadge.textContent = q.state;
    if (q.lastError) stateBadge.title = q.lastError;

    const faultCell = document.createElement("span");
    faultCell.dataset.testid = `faults-${q.name}`;
    for (const fault of faultsOf.get(q.name.toLowerCase()) || []) {
      const chip = document.createElement("span");
      chip.className = "fault";
      const { kind, ...parameters } = fault;
      chip.textContent = [kind, ...Object.entries(parameters).map(([k, v]) => `${k}=${v}`)].join(" ");
      chip.append(button("×", `clear-${q.name}-${kind}`, () =>
        act(`clear ${kind} on ${q.name}`, () => call("DELETE", `/api/links/${path(q.name)}/faults?kind=${encodeURIComponent(kind)}`))));
      faultCell.append(chip);
    }

    const actions = document.createElement("span");
    if (isLink) {
      actions.append(q.state === "suspended"
        ? button("Resume", `resume-${q.name}`, () => act(`resume ${q.name}`, () => call("POST", `/api/links/${path(q.name)}/resume`)))
        : button("Suspend", `suspend-${q.name}`, () => act(`suspend ${q.name}`, () => call("POST", `/api/links/${path(q.name)}/suspend`))));
      actions.append(button("Flush", `flush-${q.name}`, () => act(`flush ${q.name}`, () => call("POST", `/api/links/${path(q.name)}/flush`))));
    }
    if (q.name !== "poison") {
      actions.append(button("Retry", `retry-${q.name}`, () => act(`retry ${q.name}`, () => call("POST", `/api/queues/${path(q.name)}/retry`))));
    }

    tr.append(
      cell(q.name), cell(q.kind), cell(q.secured ? "yes" : "no"), cell(stateBadge),
      cell(String(q.length), "num"), cell(age(q.oldestAgeSeconds), "num"),
      cell(isLink ? spark(q.name) : ""), cell(faultCell), cell(actions));
    return tr;
  });
  document.querySelector("#queues tbody").replaceChildren(...rows);
}

function age(seconds) {
  if (seconds < 1) return "–";
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function renderFaultLinks(queues) {
  const links = queues.filter((q) => q.kind !== "work-queue" && q.name !== "poison").map((q) => q.name);
  if (links.join() === state.links.join()) return;
  state.links = links;
  const select = $("fault-link");
  const chosen = select.value;
  select.replaceChildren(...links.map((name) => new Option(name, name)));
  if (links.includes(chosen)) select.value = chosen;
}

// ---- the loop --------------------------------------------------------------------------------------------------

let refreshing = null;

function refresh() {
  // One refresh at a time: an action's refresh joins the poll's instead of racing it.
  refreshing ??= (async () => {
    try {
      const [queues, stats, faults, mta, metrics] = await Promise.all([
        call("GET", "/api/queues"), call("GET", "/api/stats"), call("GET", "/api/faults"),
        call("GET", "/api/mta"), call("GET", "/metrics"),
      ]);
      record(stats, deliveredPerLink(metrics));
      renderMta(mta);
      renderTotals(stats);
      renderChart();
      renderFaultLinks(queues);
      renderQueues(queues, faults);
      // The history is read from the tracking log files: again every fifth poll, and for two minutes after a search.
      if (state.trackedId && ++state.trackPolls % 5 === 0 && Date.now() - state.trackedSince < 120000) await track(state.trackedId, true);
      $("updated").textContent = `updated ${new Date().toLocaleTimeString()}`;
    } catch (e) {
      $("updated").textContent = `not updated: ${e.message}`;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

// ---- controls --------------------------------------------------------------------------------------------------

function renderFaultParams() {
  const kind = $("fault-kind").value;
  $("fault-params").replaceChildren(...FAULT_KINDS[kind].map(([name, value]) => {
    const label = document.createElement("label");
    const input = document.createElement("input");
    input.name = name;
    input.value = value;
    input.dataset.testid = `fault-${name}`;
    if (typeof value === "number") { input.type = "number"; input.step = "any"; }
    label.append(`${name} `, input);
    return label;
  }));
}

function faultFromForm() {
  const kind = $("fault-kind").value;
  const fault = { kind };
  for (const [name, example] of FAULT_KINDS[kind]) {
    const raw = $("fault-params").querySelector(`[name="${name}"]`).value;
    if (raw === "") continue;
    fault[name] = typeof example === "number" ? Number(raw) : raw;
  }
  return fault;
}

// The history shown stays live: the poll reads it again every second (the tracking log is written in batches).
async function track(id, quiet) {
  if (state.trackedId !== id || !quiet) state.trackedSince = Date.now();
  state.trackedId = id;
  const body = document.querySelector("#history tbody");
  try {
    const entries = await call("GET", `/api/messages/${path(id)}/track`);
    body.replaceChildren(...entries.map((e) => {
      const tr = document.createElement("tr");
      tr.append(cell(new Date(e.at).toISOString().replace("T", " ").slice(0, 23)), cell(e.event), cell(e.messageId),
        cell(e.queue), cell(e.recipients.join(", ")), cell(e.detail ?? "–"));
      return tr;
    }));
    if (!quiet) notice(`${id}: ${entries.length} tracking entries`, false);
  } catch (e) {
    body.replaceChildren();
    if (!quiet) notice(`${id}: ${e.message}`, true);
  }
}

function wire() {
  $("fault-kind").replaceChildren(...Object.keys(FAULT_KINDS).map((k) => new Option(k, k)));
  $("fault-kind").addEventListener("change", renderFaultParams);
  renderFaultParams();
  $("fault-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const link = $("fault-link").value;
    const fault = faultFromForm();
    act(`set ${fault.kind} on ${link}`, () => call("PUT", `/api/links/${path(link)}/faults`, fault));
  });

  $("mta-disable").addEventListener("click", () => {
    const reason = $("mta-reason").value.trim();
    act("disable the MTA", () => call("POST", "/api/mta/disable", reason ? { reason } : undefined));
  });
  $("mta-enable").addEventListener("click", () => act("enable the MTA", () => call("POST", "/api/mta/enable")));

  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = $("search-id").value.trim();
    if (id) track(id);
  });
  for (const b of document.querySelectorAll(".message-actions button")) {
    b.addEventListener("click", async () => {
      const id = $("search-id").value.trim();
      if (!id) { notice("type a message id first", true); return; }
      const action = b.dataset.action;
      await act(`${action} ${id}`, () => action === "remove"
        ? call("DELETE", `/api/messages/${path(id)}?ndr=${$("remove-ndr").checked}`)
        : call("POST", `/api/messages/${path(id)}/${action}`));
      track(id, true);
    });
  }

  $("token-save").addEventListener("click", () => {
    state.token = $("token").value;
    sessionStorage.setItem("mta-token", state.token);
    $("token-box").hidden = true;
    refresh();
  });
}

wire();
refresh();
setInterval(refresh, POLL_MS);
