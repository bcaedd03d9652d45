// The assembler challenges page: the progression on the left, the chosen
// challenge's statement, hints, editor, per-case results, console lamps and
// scores on the right. Python (machines.ibm1130.challenges, in this page's
// own worker) checks the program; progress, best scores, drafts and opened
// challenge files stay in this browser (localStorage).
//
// URL: ?id=ID opens a bundled challenge; ?url=FILE.toml fetches a challenge
// file from this site; #toml=BASE64 carries a challenge file in the link.
// window.retro: ready, error, send(message), lastResult, store() (tests).

import { codeEditor, replaceText, showAt } from "../code-editor.js";
import { ErrorOverlay, LoadingBar, WorkerLink, installRetro, params } from "../shell.js";
import { renderLamps } from "./lamps.js";
import { Progress } from "./store.js";

const $ = (sel) => document.querySelector(sel);
const query = params();
const loading = new LoadingBar($("#loading"));
const store = new Progress(localStorage);
const overlay = new ErrorOverlay($("#error"), () => restart());
let link = null;
let catalogue = [];          // bundled summaries, in order
const opened = new Map();    // id -> public challenge opened from a file or link
let current = null;          // the public fields of the challenge shown
let checking = false;

const retro = installRetro({
  send: async (msg) => strip(await link.request(msg)),
  lastResult: null,
  store: () => store.data,
});

function strip(reply) {
  const { type, id, ...rest } = reply;
  return rest;
}

// ------------------------------------------------------------ notices
let noticeTimer = 0;
function notify(text, bad = false) {
  const n = $("#notice");
  n.textContent = text;
  n.hidden = false;
  n.classList.toggle("bad", bad);
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (n.hidden = true), bad ? 15000 : 6000);
}

// ------------------------------------------------------------ the worker
function bootWorker() {
  link = new WorkerLink(new URL("./worker.js", import.meta.url));
  link.on(onMessage);
  link.post({ cmd: "init" });
}

function restart() {
  retro.error = null;
  retro.ready = false;
  checking = false;
  link.terminate();
  bootWorker();
}

function onMessage(msg) {
  switch (msg.type) {
    case "progress":
      loading.show(msg.stage, msg.fraction);
      break;
    case "ready":
      loading.hide();
      afterBoot().catch((err) => notify(String(err.message || err), true));
      break;
    case "case":
      $("#check-status").textContent = `Checking… case ${msg.n} of ${msg.total}`;
      addCase(msg.case);
      break;
    case "error":
      overlay.report(msg, retro, loading);
      break;
  }
}

async function afterBoot() {
  const reply = await retro.send({ cmd: "list" });
  if (reply.error) throw new Error(reply.error);
  catalogue = reply.challenges;
  for (const [id, file] of Object.entries(store.openedFiles())) {
    const r = await retro.send({ cmd: "open", text: file.text, name: file.name });
    if (r.challenge) opened.set(r.challenge.id, r.challenge);
  }
  let first = null;
  const hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get("toml")) first = await openText(decodeBase64(hash.get("toml")), hash.get("name") || "linked challenge");
  else if (query.get("url")) first = await openUrl(query.get("url"));
  renderList();
  const wanted = first || query.get("id") || store.data.last || catalogue[0].id;
  await select(isKnown(wanted) ? wanted : catalogue[0].id);
  retro.ready = true;
}

function isKnown(id) {
  return opened.has(id) || catalogue.some((c) => c.id === id);
}

// ------------------------------------------------------------ opening files
function decodeBase64(text) {
  const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

function encodeBase64(text) {
  const bytes = new TextEncoder().encode(text);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

async function openText(text, name) {
  const reply = await retro.send({ cmd: "open", text, name });
  if (reply.error) {
    notify(reply.error, true);
    return null;
  }
  const c = reply.challenge;
  opened.set(c.id, c);
  store.rememberFile(c.id, name, text);
  renderList();
  return c.id;
}

async function openUrl(url) {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`the server answered ${response.status}`);
    return await openText(await response.text(), url.split("/").pop());
  } catch (err) {
    notify(`${url}: cannot open: ${err.message || err}`, true);
    return null;
  }
}

$("#open-file").addEventListener("change", async (e) => {
  const file = e.target.files[0];
  e.target.value = "";
  if (!file) return;
  const id = await openText(await file.text(), file.name);
  if (id) await select(id);
});

// ------------------------------------------------------------ the list
function unlocked(id) {
  if (opened.has(id)) return true;
  const i = catalogue.findIndex((c) => c.id === id);
  return i <= 0 || store.solved(catalogue[i - 1].id) || store.solved(id);
}

function listItem(summary, locked) {
  const li = document.createElement("li");
  const b = document.createElement("button");
  b.type = "button";
  b.dataset.id = summary.id;
  b.className = (locked ? "locked " : "") + (store.solved(summary.id) ? "solved" : "");
  const best = store.best(summary.id);
  b.innerHTML = `<span class="lvl"></span><span class="name"></span><span class="mark"></span><span class="sub"></span>`;
  b.querySelector(".lvl").textContent = summary.level ? `${summary.level}.` : "·";
  b.querySelector(".name").textContent = summary.title;
  b.querySelector(".mark").textContent = store.solved(summary.id) ? "✓" : "";
  b.querySelector(".sub").textContent = best
    ? `best ${best.instructions} instr · ${best.words} words` + (summary.par ? ` (par ${summary.par.instructions} · ${summary.par.words})` : "")
    : locked ? `locked · ${summary.topic}` : summary.topic;
  if (locked) b.title = "Solve the challenge before this one to unlock it";
  b.setAttribute("aria-current", current && current.id === summary.id ? "true" : "false");
  b.addEventListener("click", () => select(summary.id));
  li.append(b);
  return li;
}

function renderList() {
  const list = $("#list");
  list.replaceChildren(...catalogue.map((c) => listItem(c, !unlocked(c.id))));
  const extra = [...opened.values()].filter((c) => !catalogue.some((k) => k.id === c.id));
  $("#opened-title").hidden = extra.length === 0;
  $("#opened").replaceChildren(...extra.map((c) => listItem(c, false)));
  const solved = catalogue.filter((c) => store.solved(c.id)).length;
  $("#progress").textContent = `${solved} of ${catalogue.length} solved`;
}

// ------------------------------------------------------------ one challenge
async function select(id) {
  if (checking) return;
  const summary = catalogue.find((c) => c.id === id);
  if (!unlocked(id)) {
    const i = catalogue.findIndex((c) => c.id === id);
    current = { id };
    $("#task").hidden = true;
    $("#workbench").hidden = true;
    $("#locked").hidden = false;
    $("#locked").textContent = `“${summary.title}” unlocks when you have solved “${catalogue[i - 1].title}”.`;
    renderList();
    return;
  }
  let pub = opened.get(id);
  if (!pub) {
    const reply = await retro.send({ cmd: "get", challenge: id });
    if (reply.error) return notify(reply.error, true);
    pub = reply.challenge;
  }
  current = pub;
  store.data.last = id;
  store.save();
  $("#locked").hidden = true;
  $("#task").hidden = false;
  $("#workbench").hidden = false;
  $("#title").textContent = `${pub.level ? pub.level + ". " : ""}${pub.title}`;
  $("#topic").textContent = pub.topic;
  $("#statement").textContent = pub.statement.trim();
  $("#reference").textContent = pub.reference || "—";
  $("#budget").textContent = `${pub.case_count} test cases, ${pub.hidden_count} of them hidden (some generated afresh at every check); ` +
    `at most ${pub.budget.toLocaleString("en")} instructions per case` +
    (pub.par ? `. Par: ${pub.par.instructions} instructions, ${pub.par.microseconds} µs, ${pub.par.words} words.` : ".");
  renderExamples(pub);
  renderHints();
  editor.reset(store.draft(id) ?? pub.template);
  clearResults();
  renderScores(null);
  $("#share").hidden = false;
  renderList();
  const url = new URL(location.href);
  if (!opened.has(id) || catalogue.some((c) => c.id === id)) {
    url.search = `?id=${encodeURIComponent(id)}`;
    url.hash = "";
    history.replaceState(null, "", url);
  }
}

function show(value) {
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function renderExamples(pub) {
  const rows = pub.visible_cases.map((c) => {
    const tr = document.createElement("tr");
    for (const text of [c.name, Object.entries(c.set).map(([k, v]) => `${k} = ${show(v)}`).join(", ") || "—",
                        Object.entries(c.expect).map(([k, v]) => `${k} = ${show(v)}`).join(", ")]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    return tr;
  });
  $("#examples tbody").replaceChildren(...rows);
  $("#examples").hidden = rows.length === 0;
}

function renderHints() {
  const n = store.hints(current.id);
  $("#hints").replaceChildren(...current.hints.slice(0, n).map((h) => {
    const li = document.createElement("li");
    li.textContent = h;
    return li;
  }));
  const left = current.hints.length - n;
  $("#hint").hidden = left <= 0;
  $("#hint").textContent = `Show a hint (${n + 1} of ${current.hints.length})`;
}

$("#hint").addEventListener("click", () => {
  store.revealHint(current.id, current.hints.length);
  renderHints();
});

$("#reset-template").addEventListener("click", () => {
  if (!current || !confirm("Replace your program with the starting template?")) return;
  replaceText(editor.view, current.template); // Ctrl+Z takes it back
  store.saveDraft(current.id, current.template);
});

// ------------------------------------------------------------ the editor
const STOPS = [20, 26, 31, 34, 44]; // label, operation, format/tag, operand, remarks (0-based)
(function ruler() {
  let tens = "", ones = "";
  for (let c = 1; c <= 80; c++) {
    tens += c % 10 === 0 ? String(c / 10 % 10) : " ";
    ones += c % 10 === 0 ? "0" : c % 5 === 0 ? "+" : ".";
  }
  const fields = " ".repeat(20) + "LABEL OP   FT OPERAND";
  $("#ruler").textContent = `${tens}\n${ones}\n${fields}`;
})();

// Tab moves to the next card field, as the 029's program card did;
// Ctrl+Enter checks.
function editorKey(e) {
  if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    runCheck();
    return true;
  }
  if (e.key !== "Tab" || e.shiftKey || e.ctrlKey || e.altKey) return false;
  e.preventDefault();
  const state = editor.view.state;
  const start = state.selection.main.head;
  const column = start - state.doc.lineAt(start).from;
  const stop = STOPS.find((s) => s > column) ?? column + 1;
  editor.view.dispatch(state.replaceSelection(" ".repeat(stop - column)), { scrollIntoView: true, userEvent: "input.type" });
  return true;
}

let draftTimer = 0;
const editor = codeEditor({
  textarea: $("#source"),
  keydown: editorKey,
  onChange: () => {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(() => current && store.saveDraft(current.id, $("#source").value), 300);
  },
});

// Select from LINE:COLUMN to the end of the line (an error's place).
function goToLine(line, column) {
  const doc = editor.view.state.doc;
  const l = doc.line(Math.max(1, Math.min(line, doc.lines)));
  showAt(editor.view, l.from + Math.min(column - 1, l.length), l.to);
}

// ------------------------------------------------------------ checking
function clearResults() {
  $("#errors").hidden = true;
  $("#errors").replaceChildren();
  $("#cases").replaceChildren();
  $("#check-status").textContent = "";
  renderLamps($("#lamps"), null);
}

function addCase(c) {
  const li = document.createElement("li");
  li.className = c.passed ? "pass" : "fail";
  li.dataset.number = c.number;
  const head = document.createElement("span");
  head.innerHTML = `<span class="num"></span> <span class="label"></span>`;
  head.querySelector(".num").textContent = `#${c.number}`;
  head.querySelector(".label").textContent = (c.hidden ? "hidden case" : c.name) +
    (c.passed ? ` — passed, ${c.instructions} instructions, ${c.microseconds} µs` : " — FAILED");
  li.append(head);
  if (!c.passed) {
    const why = document.createElement("span");
    why.className = "why";
    why.textContent = c.mismatches.length ? c.mismatches.map((m) => m.text).join("\n") : c.message;
    li.append(why);
  }
  if (c.lamps) {   // a visible case: click it to see the lamps as it left them
    li.classList.add("has-lamps");
    li.tabIndex = 0;
    li.title = "Show the console lamps after this case";
    const showIt = () => renderLamps($("#lamps"), c.lamps, `case #${c.number} (${c.name})`);
    li.addEventListener("click", showIt);
    li.addEventListener("keydown", (e) => (e.key === "Enter" || e.key === " ") && showIt());
  }
  $("#cases").append(li);
}

function renderScores(result) {
  const table = $("#scores");
  if (!current || !current.par && !store.best(current.id) && !(result && result.score)) {
    table.hidden = true;
    return;
  }
  table.hidden = false;
  const fill = (row, s) => {
    const cells = row.querySelectorAll("td");
    const values = s ? [s.instructions, s.microseconds, s.words] : ["—", "—", "—"];
    cells.forEach((td, i) => {
      td.textContent = typeof values[i] === "number" ? values[i].toLocaleString("en") : values[i];
      td.className = "";
      if (s && row.id === "score-you" && current.par) {
        const par = [current.par.instructions, current.par.microseconds, current.par.words][i];
        td.className = values[i] < par ? "better" : values[i] > par ? "worse" : "";
      }
    });
  };
  fill($("#score-you"), result && result.score);
  fill($("#score-par"), current.par);
  fill($("#score-best"), store.best(current.id));
}

async function runCheck() {
  if (checking || !current || !retro.ready) return;
  checking = true;
  const id = current.id;
  const source = $("#source").value;
  store.saveDraft(id, source);
  clearResults();
  $("#check").disabled = true;
  $("#check-status").textContent = "Assembling…";
  $("#stop").hidden = false;
  try {
    const result = await retro.send({ cmd: "check", challenge: id, source });
    retro.lastResult = result;
    showResult(result);
  } catch (err) {
    $("#check-status").textContent = "Check stopped.";   // the worker was restarted
  } finally {
    checking = false;
    $("#check").disabled = false;
    $("#stop").hidden = true;
  }
}

// A challenge file may allow millions of instructions per case: Stop ends
// the check by restarting the worker (Python cannot be interrupted mid-case
// without a shared buffer, and a fresh worker boots in a few seconds).
$("#stop").addEventListener("click", () => {
  if (!checking) return;
  notify("Check stopped; Python restarts.");
  restart();
});

function showResult(result) {
  if (result.error) {
    $("#check-status").textContent = "";
    notify(result.error, true);
    return;
  }
  if (result.errors && result.errors.length) {
    const box = $("#errors");
    box.hidden = false;
    const title = document.createElement("div");
    title.textContent = `The program does not assemble (${result.errors.length} error${result.errors.length > 1 ? "s" : ""}):`;
    box.replaceChildren(title, ...result.errors.map((e) => {
      const b = document.createElement("button");
      b.type = "button";
      b.textContent = `line ${e.line}, column ${e.column}: ${e.message}`;
      b.addEventListener("click", () => goToLine(e.line, e.column));
      return b;
    }));
    $("#check-status").textContent = "Not checked: fix the errors first.";
    renderScores(null);
    return;
  }
  $("#cases").replaceChildren();
  for (const c of result.cases) addCase(c);
  for (const w of result.warnings || []) notify(`Note: ${w}`);
  renderLamps($("#lamps"), result.lamps);
  const status = $("#check-status");
  if (result.ok) {
    const improved = store.record(current.id, result.score);
    status.innerHTML = `<span class="solved-banner">Solved!</span> ${result.passed} of ${result.total} cases passed` +
      (improved.length ? ` — new best: ${improved.join(", ")}` : "");
    renderList();
    const i = catalogue.findIndex((c) => c.id === current.id);
    if (i >= 0 && i + 1 < catalogue.length) {
      const next = document.createElement("button");
      next.type = "button";
      next.id = "next";
      next.textContent = `Next: ${catalogue[i + 1].title} →`;
      next.addEventListener("click", () => select(catalogue[i + 1].id));
      status.append(" ", next);
    }
  } else {
    status.textContent = `${result.passed} of ${result.total} cases passed (generated cases: seed ${result.seed}).`;
  }
  renderScores(result);
}

$("#check").addEventListener("click", runCheck);
$("#copy-link").addEventListener("click", async () => {
  const url = new URL(location.href);
  const file = store.openedFiles()[current.id];
  if (file && !catalogue.some((c) => c.id === current.id)) {
    url.search = "";
    url.hash = `toml=${encodeBase64(file.text)}&name=${encodeURIComponent(file.name)}`;
  } else {
    url.search = `?id=${encodeURIComponent(current.id)}`;
    url.hash = "";
  }
  try {
    await navigator.clipboard.writeText(url.href);
    notify("Link copied.");
  } catch {
    notify(url.href);
  }
});

bootWorker();
