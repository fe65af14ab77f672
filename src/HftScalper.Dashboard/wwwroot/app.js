// The hft dashboard: /api/state once (frame + chart history), then one frame per server-sent event (/api/events).
// Charts are uPlot (npm, embedded by the build). window.hftDashboard exposes the last frame for tests and debugging.
"use strict";
(function () {
  const token = new URLSearchParams(location.search).get("token");
  const MAX_POINTS = 1200;
  const series = { t: [], mid: [], bid: [], ask: [], equity: [], pDown: [], pFlat: [], pUp: [] };
  const state = { seq: 0, frame: null, charts: {} };
  window.hftDashboard = state;
  const $ = id => document.getElementById(id);
  const text = (id, v) => { const e = $(id); if (e) e.textContent = v; };
  const num = (v, d) => v === null || v === undefined ? "-" : (d === undefined ? String(v) : Number(v).toFixed(d));

  function makeChart(id, label, names, opts) {
    const el = $(id);
    const width = Math.max(300, el.clientWidth || 500);
    const s = [{ label }].concat(names.map((n, i) => Object.assign({ label: n, stroke: ["#1565c0", "#2e7d32", "#c62828", "#6a1b9a"][i], width: 1.5, spanGaps: true }, opts && opts.series ? opts.series : {})));
    const chart = new uPlot({ width, height: 200, series: s, scales: opts && opts.scales ? opts.scales : { x: { time: true } },
      axes: opts && opts.axes ? opts.axes : [{}, { size: 80 }] }, [[]].concat(names.map(() => [])), el);
    state.charts[id] = chart;
    return chart;
  }

  const price = makeChart("chart-price", "exchange time", ["mid", "bid", "ask"]);
  const equity = makeChart("chart-equity", "exchange time", ["equity"]);
  const probs = makeChart("chart-probs", "exchange time", ["p(down)", "p(flat)", "p(up)"], { scales: { x: { time: true }, y: { range: [0, 1] } } });
  let bucketLabels = [];
  const latency = makeChart("chart-latency", "latency (µs, upper bound)", ["tick-to-decision", "features", "inference", "strategy"],
    { series: { paths: uPlot.paths.stepped({ align: 1 }), points: { show: true } }, scales: { x: { time: false } },
      axes: [{ values: (u, splits) => splits.map(i => bucketLabels[i] === undefined ? "" : bucketLabels[i]) }, { size: 80 }] });

  function addPoint(p) {
    if (!p) return;
    const n = series.t.length;
    if (n > 0 && p[0] < series.t[n - 1]) return; // a frame replayed out of order: keep x ascending
    const keys = ["t", "mid", "bid", "ask", "equity", "pDown", "pFlat", "pUp"];
    keys.forEach((k, i) => { series[k].push(p[i]); if (series[k].length > MAX_POINTS) series[k].shift(); });
  }

  function redraw(frame) {
    price.setData([series.t, series.mid, series.bid, series.ask]);
    equity.setData([series.t, series.equity]);
    probs.setData([series.t, series.pDown, series.pFlat, series.pUp]);
    const l = frame.latency;
    bucketLabels = l.boundsUs.map(b => "≤" + b).concat([">" + l.boundsUs[l.boundsUs.length - 1]]);
    const xs = l.tickToDecision.map((_, i) => i);
    latency.setData([xs, l.tickToDecision, l.features, l.inference, l.strategy]);
    for (const id of ["chart-price", "chart-equity", "chart-probs"]) $(id).dataset.points = String(series.t.length);
    $("chart-latency").dataset.points = String(l.tickToDecision.reduce((a, b) => a + b, 0));
  }

  function rows(id, items, cols) {
    const t = $(id);
    t.innerHTML = "";
    const head = t.insertRow();
    cols.forEach(c => { const th = document.createElement("th"); th.textContent = c[0]; head.appendChild(th); });
    items.forEach(it => { const r = t.insertRow(); cols.forEach(c => { r.insertCell().textContent = c[1](it); }); });
  }

  function show(frame) {
    state.frame = frame;
    state.seq = frame.seq;
    document.body.dataset.seq = String(frame.seq);
    text("seq", frame.seq);
    const st = $("status");
    st.textContent = frame.running ? "running" : (frame.summary ? "finished" : "idle");
    st.className = "pill " + (frame.running ? "ok" : "warn");
    const h = $("halted");
    h.textContent = frame.halted ? "HALTED" : "trading";
    h.className = "pill " + (frame.halted ? "bad" : "ok");
    text("model-name", frame.model.name || "none");
    const ms = $("model-status");
    ms.textContent = frame.model.status;
    ms.className = "pill " + (frame.model.status === "live" ? "ok" : "warn");
    const c = frame.counters;
    for (const k of ["events", "decisions", "orders", "modelSignals", "fallbackSignals", "predictedRows", "killSwitchTrips", "gaps"]) text(k, c[k]);
    text("equity", num(frame.equity, 2));
    text("realisedPnl", num(frame.realisedPnl, 4));
    text("trades", frame.trades);
    text("wins", frame.wins);
    text("fills", frame.fills);
    rows("positions", frame.positions, [["symbol", p => p.symbol], ["quantity", p => p.quantity]]);
    rows("monitor", frame.monitor || [], [["sample", m => m.sample], ["value", m => m.value === null ? "-" : num(m.value, 4)]]);
    rows("riskVerdicts", Object.entries(frame.riskVerdicts).filter(e => e[1] > 0), [["verdict", e => e[0]], ["count", e => e[1]]]);
    const last = frame.last;
    text("book-symbol", last ? last.symbol : "-");
    text("bid", last ? last.bid : "-");
    text("ask", last ? last.ask : "-");
    text("spread", last ? last.spreadTicks : "-");
    text("books", frame.books.map(b => b.symbol + " " + b.state).join(", ") || "-");
    text("pDown", last ? num(last.pDown, 3) : "-");
    text("pFlat", last ? num(last.pFlat, 3) : "-");
    text("pUp", last ? num(last.pUp, 3) : "-");
    text("verdict", last ? last.verdict : "-");
    rows("recentTrades", frame.recentTrades, [["symbol", t => t.symbol], ["side", t => t.side], ["entry", t => t.entry], ["exit", t => t.exit],
      ["qty", t => t.quantity], ["net PnL", t => num(t.netPnl, 4)]]);
    rows("recentFills", frame.recentFills, [["symbol", f => f.symbol], ["side", f => f.side], ["price", f => f.price], ["qty", f => f.quantity], ["liquidity", f => f.liquidity]]);
    if (frame.summary) {
      $("summary-section").hidden = false;
      const s = frame.summary;
      text("summary-digest", s.digest);
      text("summary-events", s.events);
      text("summary-decisions", s.decisions);
      text("summary-trades", s.trades);
      text("summary-pnl", num(s.pnl, 4));
      text("summary-maxDrawdown", (100 * s.maxDrawdown).toFixed(4) + " %");
    }
    redraw(frame);
  }

  async function control(action) {
    if (!confirm("Really " + action + "? This acts on the live run.")) return;
    const r = await fetch("/api/control/" + action, { method: "POST", headers: { "Authorization": "Bearer " + (token || ""), "X-Hft-Confirm": action } });
    alert(action + ": " + (await r.text()));
  }
  document.querySelectorAll("#controls button").forEach(b => b.addEventListener("click", () => control(b.dataset.action)));
  $("controls").hidden = true;
  fetch("/api/info").then(r => r.json()).then(i => { $("controls").hidden = !(token && i.controls); });

  fetch("/api/state").then(r => r.json()).then(s => {
    s.history.forEach(addPoint);
    show(s.frame);
    const es = new EventSource("/api/events");
    es.onmessage = e => {
      const f = JSON.parse(e.data);
      if (f.seq <= state.seq) return;
      addPoint(f.point);
      show(f);
    };
    es.onerror = () => { $("status").textContent = "disconnected"; $("status").className = "pill bad"; };
  });
})();
