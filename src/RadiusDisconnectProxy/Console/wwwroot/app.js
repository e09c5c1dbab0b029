// RadiusDisconnectProxy web console: plain JavaScript over the JSON API (docs/console.md). Every value from the
// server is put into the page as text (textContent), never as HTML: user names and router replies are untrusted.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { nases: [], nas: null, sessions: [], feedTimer: null, chartTimer: null, nasTimer: null, seen: new Set() };

// ---- API ----------------------------------------------------------------------------------------------------------
class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(method, path, body) {
  const init = { method, headers: { "X-Requested-With": "rdp-console" }, credentials: "same-origin" };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401 && path !== "/api/login") {
    showLogin();
    throw new ApiError(401, "Your session has ended: log in again.");
  }
  const text = response.status === 204 ? "" : await response.text();
  let data = null;
  if (text) { try { data = JSON.parse(text); } catch { data = null; } }
  if (!response.ok && !(data && typeof data.ok === "boolean")) {
    throw new ApiError(response.status, (data && data.error) || `HTTP ${response.status}`);
  }
  return data;
}

// ---- DOM helpers --------------------------------------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const td = (label, content, cls) => el("td", { "data-label": label, class: cls }, content ?? "–");
const badge = (text, cls) => el("span", { class: `badge ${cls || ""}`, text });

function toast(kind, title, detail) {
  const node = el("div", { class: `toast ${kind}`, role: kind === "bad" ? "alert" : "status" }, el("b", { text: title }), detail ? el("span", { text: detail }) : null);
  $("toasts").append(node);
  setTimeout(() => node.remove(), kind === "bad" ? 9000 : 5000);
}

function resultBadge(result, cause, causeName) {
  return result === "ack" ? badge("ACK", "ok") : badge(cause ? `NAK ${cause}` : "NAK", "bad");
}

function outcomeText(r) {
  const cause = r.error_cause ? ` ${r.error_cause} ${r.error_cause_name || ""}` : "";
  return `${r.result === "ack" ? "ACK" : "NAK"}${cause}${r.detail ? " — " + r.detail : ""}`;
}

function timeText(iso) {
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour12: false });
}

function ago(iso) {
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

async function busy(button, work) {
  button.disabled = true;
  try { return await work(); } finally { button.disabled = false; }
}

// ---- Views and routing --------------------------------------------------------------------------------------------
function show(view) {
  for (const section of document.querySelectorAll(".view")) section.hidden = section.id !== `view-${view}`;
  $("topbar").hidden = view === "login";
  const tab = view === "nas" ? "nases" : view;
  for (const a of document.querySelectorAll(".tabs a")) a.classList.toggle("active", a.dataset.tab === tab);
}

function stopTimers() {
  for (const key of ["feedTimer", "chartTimer", "nasTimer"]) { clearInterval(state[key]); state[key] = null; }
}

function showLogin() {
  stopTimers();
  show("login");
  document.title = "Log in — RadiusDisconnectProxy";
  $("login-password").value = "";
  $("login-username").focus();
}

async function route() {
  stopTimers();
  const hash = location.hash || "#/nases";
  const [, page, name] = hash.split("/");
  try {
    if (page === "nas" && name) await openNas(decodeURIComponent(name));
    else if (page === "feed") await openFeed();
    else if (page === "charts") await openCharts();
    else await openNases();
  } catch (e) {
    if (e.status !== 401) toast("bad", "Could not load the page", e.message);
  }
}

// ---- Login --------------------------------------------------------------------------------------------------------
$("login-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const error = $("login-error");
  error.hidden = true;
  const username = $("login-username").value, password = $("login-password").value;
  await busy($("login-submit"), async () => {
    try {
      await api("POST", "/api/login", { username, password });
      sessionStorage.setItem("rdp-user", username);
      $("login-password").value = "";
      $("who").textContent = username;
      await route();
    } catch (e) {
      error.textContent = e.status === 401 ? "Wrong user name or password." : e.message;
      error.hidden = false;
    }
  });
});

$("logout").addEventListener("click", async () => {
  try { await api("POST", "/api/logout"); } catch { /* ended anyway */ }
  sessionStorage.removeItem("rdp-user");
  showLogin();
});

// ---- NAS list -----------------------------------------------------------------------------------------------------
function healthBadge(health) {
  const labels = { up: "up", down: "down", unknown: "not checked" };
  return badge(labels[health.state] || health.state, health.state);
}

function lastRequest(health) {
  const r = health.last_request;
  if (!r) return el("span", { class: "muted", text: "none yet" });
  return el("span", {}, resultBadge(r.result, r.error_cause), " ", el("span", { class: "sub", text: `${r.error_cause_name || ""} ${ago(r.time)}`.trim() }));
}

async function openNases() {
  show("nases");
  document.title = "NASes — RadiusDisconnectProxy";
  await loadNases();
  state.nasTimer = setInterval(() => loadNases().catch(() => {}), 10000);
}

async function loadNases() {
  state.nases = await api("GET", "/api/nases");
  const body = $("nas-table").tBodies[0];
  body.replaceChildren(...state.nases.map((nas) => {
    const where = [nas.nasidentifier, ...nas.addresses].filter(Boolean).join(" · ");
    const open = () => { location.hash = `#/nas/${encodeURIComponent(nas.name)}`; };
    return el("tr", { "data-nas": nas.name },
      td("Name", el("a", { href: `#/nas/${encodeURIComponent(nas.name)}`, text: nas.name })),
      td("Type", badge(nas.type)),
      td("Identifier / address", el("span", { class: "mono", text: where || "–" })),
      td("Health", healthBadge(nas.health)),
      td("Last request", lastRequest(nas.health)),
      td("", [
        nas.can_test ? el("button", { type: "button", class: "small", text: "Test connection", onclick: (e) => testNas(nas.name, e.target) }) : null,
        nas.sessions ? el("button", { type: "button", class: "small", text: "Sessions", onclick: open }) : null,
      ], "actions"));
  }));
  $("nas-empty").hidden = state.nases.length > 0;
}

$("kick-everywhere").addEventListener("submit", async (event) => {
  event.preventDefault();
  const input = $("everywhere-user");
  const user = input.value.trim();
  if (!user || !confirm(`Disconnect every session of ${user}, on every NAS?`)) return;
  await busy(event.submitter || event.target.querySelector("button"), async () => {
    try {
      const r = await api("POST", "/api/kick", { user });
      toast(r.result === "ack" ? "ok" : "bad", r.result === "ack" ? `${user} disconnected` : `${user} not disconnected`, outcomeText(r));
      if (r.result === "ack") input.value = "";
    } catch (e) { if (e.status !== 401) toast("bad", "Disconnect failed", e.message); }
  });
});

// ---- One NAS: test and sessions -----------------------------------------------------------------------------------
async function testNas(name, button) {
  return busy(button, async () => {
    try {
      const r = await api("POST", `/api/nases/${encodeURIComponent(name)}/test`);
      if (r.ok) toast("ok", `${name}: connection OK`, `answered in ${r.elapsed_ms} ms`);
      else toast("bad", `${name}: connection failed`, r.error);
      if (state.nas && state.nas.name === name) renderTest(r);
      else await loadNases();
    } catch (e) { if (e.status !== 401) toast("bad", `${name}: test failed`, e.message); }
  });
}

function renderTest(r) {
  $("test-card").hidden = false;
  $("test-status").replaceChildren(r.ok ? badge(`OK · ${r.elapsed_ms} ms`, "ok") : badge("failed", "bad"));
  const rows = r.ok
    ? r.properties.map((p) => el("div", {}, el("dt", { text: p.name }), el("dd", { text: p.value })))
    : [el("div", { class: "error" }, el("dt", { text: "error" }), el("dd", { text: r.error || "failed" }))];
  $("test-table").replaceChildren(...rows);
}

async function openNas(name) {
  show("nas");
  if (!state.nases.length) state.nases = await api("GET", "/api/nases");
  const nas = state.nases.find((n) => n.name === name);
  if (!nas) { toast("bad", `No NAS named ${name}`); location.hash = "#/nases"; return; }
  state.nas = nas;
  document.title = `${name} — RadiusDisconnectProxy`;
  $("nas-title").textContent = nas.name;
  $("nas-type").textContent = nas.type;
  $("nas-health").replaceChildren(healthBadge(nas.health));
  $("nas-test").hidden = !nas.can_test;
  $("nas-refresh").hidden = !nas.sessions;
  $("test-card").hidden = true;
  $("sessions-filter").value = "";
  await loadSessions();
}

$("nas-test").addEventListener("click", (e) => testNas(state.nas.name, e.target));
$("nas-refresh").addEventListener("click", (e) => busy(e.target, loadSessions));
$("sessions-filter").addEventListener("input", renderSessions);

async function loadSessions() {
  const nas = state.nas;
  const note = $("sessions-note");
  state.sessions = [];
  if (!nas.sessions) {
    note.textContent = `A ${nas.type} NAS cannot list its sessions itself; with the radiusdesk database they are shown from radacct. "Disconnect a user everywhere" works for it all the same.`;
    renderSessions();
    return;
  }
  note.textContent = "Loading…";
  try {
    const r = await api("GET", `/api/nases/${encodeURIComponent(nas.name)}/sessions`);
    if (!r.ok) {
      note.textContent = `Could not list the sessions: ${r.error}`;
      toast("bad", `${nas.name}: sessions not listed`, r.error);
    } else {
      state.sessions = r.sessions;
      note.textContent = r.source === "radacct" ? "Open sessions from RADIUSdesk accounting (radacct)." : `Active sessions, as ${nas.name} lists them.`;
    }
  } catch (e) {
    note.textContent = `Could not list the sessions: ${e.message}`;
  }
  renderSessions();
}

function renderSessions() {
  const filter = $("sessions-filter").value.trim().toLowerCase();
  const shown = state.sessions.filter((s) => !filter || [s.user, s.address, s.mac, s.service, s.session_id].some((v) => v && v.toLowerCase().includes(filter)));
  $("sessions-count").textContent = state.sessions.length ? `(${shown.length} of ${state.sessions.length})` : "(none)";
  $("sessions-table").tBodies[0].replaceChildren(...shown.map((s) => el("tr", { "data-session": s.id },
    td("Kind", badge(s.kind)),
    td("User", s.user ? el("b", { text: s.user }) : null),
    td("Address", el("span", { class: "mono", text: s.address || "–" })),
    td("MAC", el("span", { class: "mono", text: s.mac || "–" })),
    td("Uptime", s.uptime),
    td("Service", s.service),
    td("", [
      el("button", { type: "button", class: "small danger", text: "Disconnect", onclick: (e) => kickSession(s, e.target) }),
      s.user ? el("button", { type: "button", class: "small", text: "Everywhere", title: `Disconnect every session of ${s.user}`, onclick: (e) => kickEverywhere(s.user, e.target) }) : null,
    ], "actions"))));
}

async function kickSession(session, button) {
  const nas = state.nas;
  const who = session.user || session.mac || session.address || session.id;
  await busy(button, async () => {
    try {
      const r = await api("POST", `/api/nases/${encodeURIComponent(nas.name)}/kick`, { id: session.id });
      if (r.result === "ack") {
        toast("ok", `${who} disconnected from ${nas.name}`, r.detail);
        const row = button.closest("tr");
        if (row) row.remove();
        state.sessions = state.sessions.filter((s) => s.id !== session.id);
        setTimeout(() => loadSessions().catch(() => {}), 800);
      } else {
        toast("bad", `${who} not disconnected`, outcomeText(r));
      }
    } catch (e) { if (e.status !== 401) toast("bad", "Disconnect failed", e.message); }
  });
}

async function kickEverywhere(user, button) {
  if (!confirm(`Disconnect every session of ${user}, on every NAS?`)) return;
  await busy(button, async () => {
    try {
      const r = await api("POST", "/api/kick", { user });
      toast(r.result === "ack" ? "ok" : "bad", r.result === "ack" ? `${user} disconnected everywhere` : `${user} not disconnected`, outcomeText(r));
      await loadSessions();
    } catch (e) { if (e.status !== 401) toast("bad", "Disconnect failed", e.message); }
  });
}

// ---- Live feed ----------------------------------------------------------------------------------------------------
async function openFeed() {
  show("feed");
  document.title = "Live feed — RadiusDisconnectProxy";
  await loadFeed();
  state.feedTimer = setInterval(() => { if (!$("feed-pause").checked) loadFeed().catch(() => {}); }, 2000);
}

async function loadFeed() {
  const events = await api("GET", "/api/requests?limit=100");
  const first = state.seen.size === 0;
  const rows = events.map((r) => {
    const key = `${r.time}|${r.source}|${r.identifier}|${r.address}`;
    const fresh = !first && !state.seen.has(key);
    state.seen.add(key);
    const keys = [r.user && `user ${r.user}`, r.session_id && `session ${r.session_id}`, r.mac && `mac ${r.mac}`, r.ip && `ip ${r.ip}`].filter(Boolean).join(" · ");
    return el("tr", { class: fresh ? "fresh" : null, title: r.detail || null },
      td("Time", el("span", { class: "mono", text: timeText(r.time) })),
      td("Source", el("span", {}, r.source, el("span", { class: "sub mono", text: r.address }))),
      td("NAS", r.nas),
      td("Keys", el("span", { class: "mono", text: keys || "–" })),
      td("Result", resultBadge(r.result, r.error_cause)),
      td("Error-Cause", r.error_cause ? `${r.error_cause} ${r.error_cause_name || ""}` : null),
      td("Latency", `${r.latency_ms.toFixed(r.latency_ms < 10 ? 2 : 0)} ms`, "num"));
  });
  if (state.seen.size > 5000) state.seen = new Set([...state.seen].slice(-1000));
  $("feed-table").tBodies[0].replaceChildren(...rows);
  $("feed-empty").hidden = events.length > 0;
  $("feed-status").textContent = `updated ${new Date().toLocaleTimeString([], { hour12: false })}`;
}

// ---- Charts (own canvas drawing) ----------------------------------------------------------------------------------
const COLORS = { ack: "#1e7f45", nak: "#b3261e", p50: "#1f6fb2", p90: "#e08a1e", p99: "#8e3ca8", grid: "#e3e8ee", text: "#5f6b7a" };

function canvasContext(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const width = canvas.clientWidth, height = canvas.clientHeight || Number(canvas.getAttribute("height"));
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);
  ctx.font = "12px system-ui, sans-serif";
  return { ctx, width, height };
}

function niceMax(value) {
  if (value <= 0) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(value)));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function axes(ctx, box, max, unit, minutes) {
  ctx.strokeStyle = COLORS.grid; ctx.fillStyle = COLORS.text; ctx.lineWidth = 1;
  ctx.textAlign = "right"; ctx.textBaseline = "middle";
  for (let i = 0; i <= 4; i++) {
    const y = box.y + box.h - (box.h * i) / 4;
    ctx.beginPath(); ctx.moveTo(box.x, y); ctx.lineTo(box.x + box.w, y); ctx.stroke();
    const v = (max * i) / 4;
    ctx.fillText(`${Number.isInteger(v) ? v : v.toFixed(1)}${unit}`, box.x - 6, y);
  }
  ctx.textAlign = "center"; ctx.textBaseline = "top";
  for (let i = 0; i < minutes.length; i += 15) {
    const x = box.x + (box.w * (i + 0.5)) / minutes.length;
    ctx.fillText(timeText(minutes[i].time).slice(0, 5), x, box.y + box.h + 6);
  }
}

function drawRate(canvas, minutes) {
  const { ctx, width, height } = canvasContext(canvas);
  const box = { x: 52, y: 10, w: width - 64, h: height - 36 };
  const max = niceMax(Math.max(...minutes.map((m) => m.requests)));
  axes(ctx, box, max, "", minutes);
  const slot = box.w / minutes.length;
  minutes.forEach((m, i) => {
    const x = box.x + i * slot + 1, w = Math.max(1, slot - 2);
    const ackH = (box.h * m.acks) / max, nakH = (box.h * m.naks) / max;
    ctx.fillStyle = COLORS.ack; ctx.fillRect(x, box.y + box.h - ackH, w, ackH);
    ctx.fillStyle = COLORS.nak; ctx.fillRect(x, box.y + box.h - ackH - nakH, w, nakH);
  });
}

function drawResults(canvas, results) {
  const { ctx, width, height } = canvasContext(canvas);
  if (!results.length) {
    ctx.fillStyle = COLORS.text; ctx.textAlign = "center"; ctx.fillText("no request in the last hour", width / 2, height / 2);
    return;
  }
  const sorted = [...results].sort((a, b) => b.count - a.count).slice(0, 8);
  const labelWidth = Math.min(260, width * 0.45);
  const rowH = Math.min(30, (height - 10) / sorted.length);
  const max = Math.max(...sorted.map((r) => r.count));
  sorted.forEach((r, i) => {
    const y = 5 + i * rowH;
    const label = r.result === "ack" ? (r.error_cause ? `ACK ${r.error_cause} ${r.error_cause_name}` : "ACK") : (r.error_cause ? `NAK ${r.error_cause} ${r.error_cause_name}` : "NAK");
    ctx.fillStyle = COLORS.text; ctx.textAlign = "right"; ctx.textBaseline = "middle";
    ctx.fillText(label.length > 38 ? label.slice(0, 37) + "…" : label, labelWidth - 8, y + rowH / 2);
    const w = ((width - labelWidth - 60) * r.count) / max;
    ctx.fillStyle = r.result === "ack" ? COLORS.ack : COLORS.nak;
    ctx.fillRect(labelWidth, y + 4, Math.max(2, w), rowH - 8);
    ctx.fillStyle = COLORS.text; ctx.textAlign = "left";
    ctx.fillText(String(r.count), labelWidth + Math.max(2, w) + 6, y + rowH / 2);
  });
}

function drawLatency(canvas, minutes) {
  const { ctx, width, height } = canvasContext(canvas);
  const box = { x: 64, y: 10, w: width - 76, h: height - 36 };
  const max = niceMax(Math.max(0, ...minutes.flatMap((m) => [m.p50_ms, m.p90_ms, m.p99_ms]).filter((v) => v !== null)));
  axes(ctx, box, max, "", minutes);
  for (const key of ["p50", "p90", "p99"]) {
    ctx.strokeStyle = COLORS[key]; ctx.fillStyle = COLORS[key]; ctx.lineWidth = 2;
    ctx.beginPath();
    let drawing = false;
    minutes.forEach((m, i) => {
      const v = m[`${key}_ms`];
      const x = box.x + (box.w * (i + 0.5)) / minutes.length;
      if (v === null) { drawing = false; return; }
      const y = box.y + box.h - (box.h * Math.min(v, max)) / max;
      if (drawing) ctx.lineTo(x, y); else ctx.moveTo(x, y);
      drawing = true;
      ctx.fillRect(x - 2.5, y - 2.5, 5, 5);
    });
    ctx.stroke();
  }
}

function legend(node, items) {
  // Colours set through the CSSOM: the page's Content-Security-Policy forbids inline style attributes.
  node.replaceChildren(...items.map(([color, text]) => {
    const swatch = el("i");
    swatch.style.background = color;
    return el("span", {}, swatch, text);
  }));
}

async function openCharts() {
  show("charts");
  document.title = "Charts — RadiusDisconnectProxy";
  await loadCharts();
  state.chartTimer = setInterval(() => loadCharts().catch(() => {}), 10000);
}

async function loadCharts() {
  const stats = await api("GET", "/api/stats");
  const acks = stats.minutes.reduce((n, m) => n + m.acks, 0);
  const fmt = (v) => (v === null ? "–" : `${v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2)} ms`);
  $("totals").replaceChildren(
    el("div", {}, el("b", { text: String(stats.total) }), "requests"),
    el("div", {}, el("b", { text: String(acks) }), "ACK"),
    el("div", {}, el("b", { text: String(stats.total - acks) }), "NAK"),
    el("div", {}, el("b", { text: fmt(stats.latency_ms.p50) }), "p50"),
    el("div", {}, el("b", { text: fmt(stats.latency_ms.p99) }), "p99"));
  drawRate($("chart-rate"), stats.minutes);
  legend($("legend-rate"), [[COLORS.ack, "ACK"], [COLORS.nak, "NAK"]]);
  drawResults($("chart-results"), stats.results);
  drawLatency($("chart-latency"), stats.minutes);
  legend($("legend-latency"), [[COLORS.p50, "p50"], [COLORS.p90, "p90"], [COLORS.p99, "p99"]]);
}

window.addEventListener("resize", () => { if (!$("view-charts").hidden) loadCharts().catch(() => {}); });
window.addEventListener("hashchange", route);

// ---- Start: the NAS list answers 401 when not logged in --------------------------------------------------------------
$("who").textContent = sessionStorage.getItem("rdp-user") || "";
route();
