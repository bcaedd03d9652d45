// The IBM 1130 page: console panel, console printer, editor, debugger, card
// room and 1132 printout around one worker that owns the Python machine.
// Every action of the page goes through window.retro.send(message), the
// script hook of DESIGN.md, so scripts and tests drive exactly what the
// buttons drive.

import { ErrorOverlay, LoadingBar, WorkerLink, installRetro, params } from "../shell.js";
import { ConsolePanelView, MODES } from "./panel.js";
import { ConsolePaper, GreenBar } from "./printers.js";
import { Editor, showListing } from "./editor.js";
import { KeypunchView, drawCard } from "./keypunch.js";
import { DebuggerView, parseHex } from "./debugger.js";
import { Sound } from "./sound.js";
import { decodeProgram, encodeProgram } from "./share.js";

const $ = (sel) => document.querySelector(sel);
const query = params();
const SOURCE_KEY = "retro1130.ibm1130.source";
const STATE_KEY = "retro1130.ibm1130.state";
const loading = new LoadingBar($("#loading"));
const sound = new Sound();
let link;
let lastSnap = null;
let autosaveInstructions = -1;

// ------------------------------------------------------------ the hook
function strip(reply) {
  const { type, id, ...rest } = reply;
  return rest;
}

const retro = installRetro({
  send: async (msg) => strip(await link.request(msg)),
  step: async (frames) => strip(await link.request({ cmd: "step", frames })),
  state: async () => strip(await link.request({ cmd: "state" })),
  snapshot: null,
  notices: [],
});
const send = retro.send;

// Send and show an operator error as a notice; returns the reply.
async function act(msg) {
  const reply = await send(msg);
  if (reply && reply.ok === false && reply.error) notify(reply.error, true);
  return reply;
}

let noticeTimer = 0;
function notify(text, bad = false) {
  const n = $("#notice");
  n.textContent = text;
  n.hidden = false;
  n.classList.toggle("bad", bad);
  retro.notices.push(text);
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => (n.hidden = true), bad ? 12000 : 6000);
}

// ---------------------------------------------------------- the worker
const overlay = new ErrorOverlay($("#error"), () => restart());

function speedSetting() {
  const v = $("#speed").value;
  return v === "max" ? { real: false, cycle_us: 3.6 } : { real: true, cycle_us: Number(v) };
}

function bootWorker() {
  link = new WorkerLink(new URL("./worker.js", import.meta.url));
  link.on(onMessage);
  let interruptBuffer = null;
  if (self.crossOriginIsolated && typeof SharedArrayBuffer === "function") {
    interruptBuffer = new Uint8Array(new SharedArrayBuffer(1));
  }
  retro.interruptBuffer = interruptBuffer;
  link.post({ cmd: "init", paused: query.get("paused") === "1", speed: speedSetting(), interruptBuffer });
}

// The overlay's restart: keep what can be kept (the machine is saved in
// this browser first if the worker still answers), then a fresh worker,
// which restores it.
async function restart() {
  if (retro.ready) {
    await Promise.race([saveLocal(true), new Promise((r) => setTimeout(r, 3000))]).catch(() => {});
  }
  retro.error = null;
  retro.ready = false;
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
      retro.ready = true;
      retro.bootMs = Math.round(performance.now());
      afterBoot();
      break;
    case "frame":
      onFrame(msg.snap);
      break;
    case "notice":
      notify(msg.text, true);
      break;
    case "error":
      overlay.report(msg, retro, loading);
      break;
  }
}

// --------------------------------------------------------------- frames
// IMM STOP must always work: if the worker does not answer within 2 s
// (Python stuck in one call), interrupt Python through the shared buffer
// (web.md 1.5; only when the page is cross-origin isolated).
async function panelAct(msg) {
  if (msg.cmd !== "button" || msg.name !== "imm_stop") return act(msg);
  const timer = setTimeout(() => {
    if (retro.interruptBuffer) retro.interruptBuffer[0] = 2;
  }, 2000);
  try {
    return await act(msg);
  } finally {
    clearTimeout(timer);
  }
}

const panel = new ConsolePanelView(document, panelAct);
const consolePaper = new ConsolePaper($("#console-text"), $("#console-paper"), sound);
const greenbar = new GreenBar($("#greenbar"), $("#printer-pages"));
const keypunch = new KeypunchView($("#card"), kpAct, sound);
const debug = new DebuggerView($("#pane-debug"), send, notify);
let lastReader = null;
let debugTimer = 0;

function onFrame(snap) {
  retro.frames = snap.frames;
  retro.snapshots = snap.snapshots;
  retro.snapshot = snap;
  lastSnap = snap;
  panel.update(snap);
  if (snap.console) consolePaper.apply(snap.console);
  if (snap.printer) greenbar.apply(snap.printer);
  $("#ips").textContent = snap.lamps.run ? `${snap.ips.toLocaleString("en")} instr/s` : "stopped";
  const r = snap.reader;
  if (!lastReader || r.hopper !== lastReader.hopper || r.read !== lastReader.read || r.punched !== lastReader.punched) {
    if (lastReader && r.read > lastReader.read) {
      sound.cardFeed();
      const stacker = $("#stacker-stack");
      stacker.classList.remove("feeding");
      void stacker.offsetWidth; // restart the animation
      stacker.classList.add("feeding");
    }
    $("#hopper-n").textContent = r.hopper;
    $("#read-n").textContent = r.read;
    $("#punched-n").textContent = r.punched;
    $("#hopper-stack").style.height = `${Math.min(56, r.hopper / 4)}px`;
    $("#stacker-stack").style.height = `${Math.min(56, (r.read + r.punched) / 4)}px`;
    lastReader = r;
  }
  if (snap.stop) {
    const why = { wait: "WAIT", invalid: "an invalid instruction", breakpoint: "a breakpoint" }[snap.stop] || snap.stop;
    $("#asm-status").textContent = `Stopped by ${why} at IAR ${hex4(snap.lamps.iar)}`;
    if (snap.stop === "breakpoint") notify(`Breakpoint at ${hex4(snap.lamps.iar)}`);
  }
  if (!$("#pane-debug").hidden && (snap.stop || (snap.lamps.run && performance.now() > debugTimer))) {
    debugTimer = performance.now() + 300;
    debug.refresh();
  }
}

const hex4 = (n) => (n & 0xffff).toString(16).toUpperCase().padStart(4, "0");

// --------------------------------------------------------- the console
function wireConsole() {
  $("#ces-clear").addEventListener("click", () => panel.setSwitches(0));
  $("#ces-input").addEventListener("change", (e) => {
    const v = parseHex(e.target.value);
    if (v === null) notify(`“${e.target.value}” is not a hex number (0000 to FFFF)`, true);
    else panel.setSwitches(v);
    e.target.value = "";
  });
  $("#console-keys-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const input = $("#console-keys");
    const r = await act({ cmd: "console_keys", text: input.value + "\n" });
    if (r.ok) input.value = "";
  });
  $("#int-req").addEventListener("click", () => act({ cmd: "int_req" }));
  $("#console-tear").addEventListener("click", async () => {
    const r = await act({ cmd: "tear_off", device: "console" });
    if (r.ok && r.text) download("console-printer.txt", new Blob([r.text], { type: "text/plain" }));
    consolePaper.clear();
  });
  $("#console-download").addEventListener("click", async () => {
    const r = await act({ cmd: "printer_text" });
    if (r.ok) download("console-printer.txt", new Blob([r.console_printer], { type: "text/plain" }));
  });
  const savedSpeed = localStorage.getItem("retro1130.ibm1130.speed");
  if (savedSpeed && [...$("#speed").options].some((o) => o.value === savedSpeed)) $("#speed").value = savedSpeed;
  $("#speed").addEventListener("change", () => {
    try { localStorage.setItem("retro1130.ibm1130.speed", $("#speed").value); } catch (e) { /* private mode */ }
    consolePaper.setPaced(speedSetting().real);
    act({ cmd: "speed", ...speedSetting() });
  });
  $("#sound").addEventListener("click", () => {
    const on = sound.enable(!sound.on);
    $("#sound").textContent = on ? "Sound: on" : "Sound: off";
    $("#sound").setAttribute("aria-pressed", String(on));
  });
  $("#help-open").addEventListener("click", () => $("#help").showModal());
}

function typing(target) {
  return target && target.closest && target.closest("input, textarea, select, [contenteditable], #card-box, dialog");
}

function wireKeys() {
  window.addEventListener("keydown", (e) => {
    if (e.target && e.target.closest && e.target.closest("#card-box")) {
      if (keypunch.key(e)) e.preventDefault();
      return;
    }
    if (e.key === "Escape" && !(e.target && e.target.closest && e.target.closest("dialog"))) {
      panel.press("imm_stop");
      return;
    }
    if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    const k = e.key;
    // Enter and space on a focused page button press that button, not the console's.
    if ((k === "Enter" || k === " ") && e.target.closest && e.target.closest("button, a, summary")) return;
    if (/^[0-9a-fA-F]$/.test(k)) {
      panel.flip(parseInt(k, 16));
    } else if (k === "s" || k === "S" || k === "Enter") panel.press("start");
    else if (k === "p" || k === "P") panel.press("stop");
    else if (k === "r" || k === "R") panel.press("reset");
    else if (k === "i" || k === "I") panel.press("load_iar");
    else if (k === "l" || k === "L") panel.press("program_load");
    else if (k === "t" || k === "T") panel.press("lamp_test");
    else if (k === "x" || k === "X") panel.setSwitches(0);
    else if (k === ",") panel.turn(-1);
    else if (k === ".") panel.turn(1);
    else if (k === "n" || k === "N") stepOnce();
    else if (k === "?") $("#help").showModal();
    else return;
    e.preventDefault();
  });
}

// ---------------------------------------------------------------- tabs
function wireTabs() {
  const tabs = [...document.querySelectorAll('[role="tab"]')];
  for (const tab of tabs) {
    tab.addEventListener("click", () => {
      for (const t of tabs) {
        const on = t === tab;
        t.setAttribute("aria-selected", String(on));
        $("#" + t.getAttribute("aria-controls")).hidden = !on;
      }
      if (tab.id === "tab-debug") debug.refresh();
      if (tab.id === "tab-cards") kpAct({ cmd: "keypunch", op: "view", page: keypunch.page });
    });
  }
}

// -------------------------------------------------------------- editor
const editor = new Editor({ textarea: $("#source"), gutter: $("#gutter"), marks: $("#marks"), ruler: $("#ruler"), errorsList: $("#errors") });
let sourceName = "program.asm";
editor.onChange = (text) => {
  try { localStorage.setItem(SOURCE_KEY, text); } catch (e) { /* storage full or denied */ }
};

function showAssembly(r) {
  editor.setErrors(r.errors || [], r.warnings || []);
  if (r.listing !== undefined) showListing($("#listing"), r.listing);
  const status = $("#asm-status");
  status.classList.toggle("bad", !r.ok);
  status.classList.toggle("good", !!r.ok);
  if (r.ok) status.textContent = `Assembled: ${r.size} words, start ${hex4(r.start || 0)}`;
  else if (r.errors && r.errors.length) status.textContent = r.errors.length === 1 ? "1 error, marked on its line" : `${r.errors.length} errors, marked on their lines`;
  else status.textContent = r.error || "failed";
}

async function assemble() {
  if (/\.out$/i.test(sourceName)) {
    notify(`${sourceName} is a load file (SIMH .out), not source: press Load to put it in core.`);
    return { ok: false };
  }
  const r = await send({ cmd: "assemble", source: editor.value, filename: sourceName });
  showAssembly(r);
  if (!r.ok && r.errors && r.errors.length) $("#listing-box").open = true;
  return r;
}

async function loadProgram() {
  const format = /\.out$/i.test(sourceName) ? "out" : "asm";
  const r = await send({ cmd: "load", source: editor.value, filename: sourceName, format });
  showAssembly(r);
  if (!r.ok && r.error && !(r.errors && r.errors.length)) notify(r.error, true);
  return r;
}

async function loadAndRun() {
  const r = await loadProgram();
  if (!r.ok) return r;
  await act({ cmd: "mode", mode: "RUN" });
  return act({ cmd: "button", name: "start" });
}

function wireEditor() {
  $("#asm-assemble").addEventListener("click", assemble);
  $("#asm-load").addEventListener("click", loadProgram);
  $("#asm-run").addEventListener("click", loadAndRun);
  $("#asm-save").addEventListener("click", () => download(sourceName.replace(/\.out$/i, ".asm"), new Blob([editor.value], { type: "text/plain" })));
  $("#asm-save-out").addEventListener("click", async () => {
    const r = await send({ cmd: "assemble", source: editor.value, filename: sourceName });
    showAssembly(r);
    if (r.ok) {
      const out = await act({ cmd: "load_file_text", source: editor.value, filename: sourceName });
      if (out.ok) download(sourceName.replace(/\.(asm|txt)$/i, "") + ".out", new Blob([out.text], { type: "text/plain" }));
    }
  });
  $("#asm-deck").addEventListener("click", async () => {
    const kind = $("#asm-deck-kind").value;
    const r = await send({ cmd: "object_deck", source: editor.value, filename: sourceName, kind });
    if (!r.ok) {
      showAssembly(r);
      return notify(r.error, true);
    }
    notify(`${r.cards} card${r.cards === 1 ? "" : "s"} punched at the back of the keypunch deck (${r.deck_size} cards): download them in binary or put them in the 1442 hopper (Card room).`);
  });
  $("#asm-open").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (file) openSource(file);
  });
  $("#examples").addEventListener("change", async (e) => {
    const name = e.target.value;
    e.target.value = "";
    if (!name) return;
    const res = await fetch(`examples/${name}`);
    if (!res.ok) return notify(`examples/${name}: the server answered ${res.status}`, true);
    setSource(await res.text(), name);
  });
  $("#share").addEventListener("click", async () => {
    const code = await encodeProgram(editor.value);
    const url = `${location.origin}${location.pathname}#asm=${code}`;
    history.replaceState(null, "", url);
    try {
      await navigator.clipboard.writeText(url);
      notify("A link to this program is in the clipboard (and in the address bar).");
    } catch (err) {
      notify("The link to this program is in the address bar.");
    }
  });
}

async function openSource(file) {
  if (file.size > 2_000_000) return notify(`${file.name}: ${file.size.toLocaleString("en")} bytes is too big for a source file`, true);
  const text = await file.text();
  if (text.includes("\0")) return notify(`${file.name}: this is a binary file, not assembler source`, true);
  setSource(text, file.name);
}

function setSource(text, name) {
  editor.value = text.replace(/\r\n/g, "\n");
  sourceName = name || "program.asm";
  editor.onChange(editor.value);
  $("#asm-status").textContent = `${sourceName}: ${editor.value.split("\n").length} lines`;
  $("#asm-status").classList.remove("bad", "good");
}

async function loadExamples() {
  try {
    const res = await fetch("examples/index.json");
    if (!res.ok) return;
    const list = await res.json();
    for (const ex of list) {
      const opt = document.createElement("option");
      opt.value = ex.file;
      opt.textContent = ex.title;
      $("#examples").appendChild(opt);
    }
  } catch (e) { /* no examples served */ }
}

// ------------------------------------------------------------ debugger
async function stepOnce() {
  const r = await act({ cmd: "step", instructions: 1 });
  if (!$("#pane-debug").hidden) debug.refresh();
  return r;
}

function wireDebugger() {
  $("#dbg-step").addEventListener("click", stepOnce);
  $("#dbg-run").addEventListener("click", async () => {
    if (panel.mode !== "RUN" && panel.mode !== "INT RUN") await act({ cmd: "mode", mode: "RUN" });
    act({ cmd: "button", name: "start" });
  });
  $("#dbg-stop").addEventListener("click", () => panel.press("imm_stop"));
  $("#dbg-runto-go").addEventListener("click", () => {
    const a = parseHex($("#dbg-runto").value);
    if (a === null) return notify("Run to: give a hex address", true);
    act({ cmd: "run_to", address: a });
  });
  $("#dbg-bp-add").addEventListener("click", async () => {
    const a = parseHex($("#dbg-bp").value);
    if (a === null) return notify("Breakpoint: give a hex address", true);
    await act({ cmd: "breakpoint", address: a, on: true });
    $("#dbg-bp").value = "";
    debug.refresh();
  });
  const memGo = () => {
    const t = $("#mem-addr").value.trim();
    debug.memAddr = /^iar$/i.test(t) || t === "" ? null : parseHex(t);
    if (t && !/^iar$/i.test(t) && debug.memAddr === null) notify("Memory: give a hex address or IAR", true);
    debug.refresh();
  };
  $("#mem-go").addEventListener("click", memGo);
  $("#mem-addr").addEventListener("change", memGo);
  $("#mem-up").addEventListener("click", () => { debug.memAddr = Math.max(0, (debug.memAddr ?? lastSnap?.lamps.iar ?? 0) - 16); debug.refresh(); });
  $("#mem-down").addEventListener("click", () => { debug.memAddr = ((debug.memAddr ?? lastSnap?.lamps.iar ?? 0) + 16) & 0x7fff; debug.refresh(); });
  $("#trace-on").addEventListener("change", async (e) => {
    const r = await act({ cmd: "trace", on: e.target.checked });
    if (r.ok) debug.showTrace(r.trace);
  });
}

// ------------------------------------------------------------ card room
async function kpAct(msg) {
  const r = await send(msg);
  if (r.ok === false && r.error) notify(r.error, true);
  if (r.column !== undefined) showKeypunch(r);
  return r;
}

function showKeypunch(v) {
  keypunch.draw(v);
  $("#kp-col").textContent = v.column > 80 ? "end" : v.column;
  $("#kp-deck-size").textContent = v.deck_size;
  const f = v.field;
  $("#kp-field").textContent = f ? `field ${f.start}-${f.end}${f.skip ? " skip" : ""}${f.duplicate ? " dup" : ""}${f.alphabetic ? " alpha" : " numeric"}` : (v.program ? "" : "program drum off");
  if (v.page) {
    keypunch.page = v.page.index;
    $("#kp-page").textContent = `card ${v.page.index + 1} of ${v.deck_size}`;
    $("#kp-page-text").textContent = v.page.text;
    drawCard($("#deck-card"), { card: v.page.columns, printed: v.page.text, column: 81 });
  } else {
    $("#kp-page").textContent = v.deck_size ? "–" : "empty";
    $("#kp-page-text").textContent = "";
    drawCard($("#deck-card"), { card: null }, v.deck_size ? "◀ ▶ page through the deck" : "The deck is empty");
  }
  retro.keypunch = v;
}

function wireCardRoom() {
  for (const b of document.querySelectorAll("[data-kp]")) {
    b.addEventListener("click", () => {
      kpAct({ cmd: "keypunch", op: b.dataset.kp, page: keypunch.page });
      $("#card-box").focus();
    });
  }
  $("#card-box").addEventListener("click", () => $("#card-box").focus());
  $("#kp-multi").addEventListener("click", () => {
    const on = $("#kp-multi").getAttribute("aria-pressed") !== "true";
    $("#kp-multi").setAttribute("aria-pressed", String(on));
    keypunch.setMulti(on);
    $("#card-box").focus();
  });
  $("#card-box").addEventListener("paste", (e) => {
    const text = e.clipboardData.getData("text");
    e.preventDefault();
    if (text) kpAct({ cmd: "keypunch", op: "paste", text, name: "pasted text", page: keypunch.page });
  });
  $("#kp-program-set").addEventListener("click", () => kpAct({ cmd: "keypunch", op: "program", text: $("#kp-program").value, page: keypunch.page }));
  const page = (d) => kpAct({ cmd: "keypunch", op: "view", page: Math.max(0, (keypunch.page ?? -1) + d) });
  $("#kp-prev").addEventListener("click", () => page(-1));
  $("#kp-next").addEventListener("click", () => page(1));
  $("#kp-delete").addEventListener("click", () => {
    if (keypunch.page !== null) kpAct({ cmd: "keypunch", op: "delete_card", index: keypunch.page, page: keypunch.page });
  });
  $("#kp-dl-text").addEventListener("click", async () => {
    const r = await act({ cmd: "deck_export", format: "text" });
    if (r.ok) download("deck.txt", new Blob([r.text], { type: "text/plain" }));
  });
  $("#kp-dl-bin").addEventListener("click", async () => {
    const r = await act({ cmd: "deck_export", format: "binary" });
    if (r.ok) download("deck.bin", new Blob([fromBase64(r.b64)], { type: "application/octet-stream" }));
  });
  $("#kp-load").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (file) kpAct({ cmd: "keypunch", op: "load_deck", ...(await deckPayload(file)), page: 0 });
  });
  $("#kp-to-reader").addEventListener("click", async () => {
    const r = await act({ cmd: "deck_to_reader" });
    if (r.ok) notify(`${r.cards} cards in the 1442 hopper (${r.hopper} in all)`);
  });
  $("#kp-to-editor").addEventListener("click", async () => {
    const r = await act({ cmd: "deck_source" });
    if (r.ok) {
      setSource(r.text, "keypunch-deck.asm");
      $("#tab-program").click();
    }
  });
  dropZone($("#card-box"), async (file) => kpAct({ cmd: "keypunch", op: "paste", text: await textOf(file), name: file.name, page: keypunch.page }));
  // 1442
  $("#reader-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (file) readerLoad(file);
  });
  dropZone($("#reader-1442"), readerLoad);
  $("#reader-server").addEventListener("click", async () => {
    const url = $("#reader-list").value;
    if (!url) return notify("Choose a deck from the list first (the server lists them when started with --data)", true);
    const res = await fetch(url);
    if (!res.ok) return notify(`${url}: the server answered ${res.status}`, true);
    readerLoad(new File([await res.blob()], url.split("/").pop()));
  });
  $("#reader-clear").addEventListener("click", () => act({ cmd: "reader_clear" }));
  $("#stacker-dl-text").addEventListener("click", async () => {
    const r = await act({ cmd: "deck_export", source: "stacker", format: "text" });
    if (r.ok) download("punched.txt", new Blob([r.text], { type: "text/plain" }));
  });
  $("#stacker-dl-bin").addEventListener("click", async () => {
    const r = await act({ cmd: "deck_export", source: "stacker", format: "binary" });
    if (r.ok) download("punched.bin", new Blob([fromBase64(r.b64)], { type: "application/octet-stream" }));
  });
  // disk
  $("#disk-mount").addEventListener("click", async () => {
    const url = $("#disk-list").value;
    if (!url) return notify("Choose a cartridge from the list first (the server lists them when started with --data)", true);
    mountDisk({ url });
  });
  $("#disk-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (file) mountDisk({ bytes: new Uint8Array(await file.arrayBuffer()), name: file.name });
  });
  dropZone($("#disk-2310"), async (file) => mountDisk({ bytes: new Uint8Array(await file.arrayBuffer()), name: file.name }));
  $("#disk-unmount").addEventListener("click", async () => {
    const r = await act({ cmd: "unmount" });
    if (r.ok) $("#disk-name").textContent = "none";
  });
  $("#disk-download").addEventListener("click", async () => {
    const r = await link.request({ cmd: "disk_image" });
    if (!r.bytes || !r.bytes.length) return notify("No cartridge is mounted", true);
    download("cartridge.dsk", new Blob([r.bytes], { type: "application/octet-stream" }));
  });
}

async function mountDisk(spec) {
  notify("Mounting the cartridge…");
  // The worker fetches relative to its own script: give it the page's URL.
  if (spec.url) spec = { ...spec, url: new URL(spec.url, location.href).href };
  const r = await act({ cmd: "mount", ...spec });
  if (r.ok) {
    $("#disk-name").textContent = r.mounted;
    notify(`${r.mounted} is mounted on drive ${r.drive}: FILE READY`);
  }
  return r;
}

async function listServerDisks() {
  try {
    const res = await fetch("data/index.json");
    if (!res.ok) return;
    const body = await res.json();
    const files = Array.isArray(body) ? body : body.files || [];
    for (const f of files) {
      if (/\.(bin|job|deck|txt)$/i.test(f) && !/readme/i.test(f)) {
        const opt = document.createElement("option");
        opt.value = `data/${f}`;
        opt.textContent = f;
        $("#reader-list").appendChild(opt);
      }
      if (!/\.dsk$/i.test(f)) continue;
      const opt = document.createElement("option");
      opt.value = `data/${f}`;
      opt.textContent = f;
      $("#disk-list").appendChild(opt);
    }
    retro.serverDisks = files.filter((f) => /\.dsk$/i.test(f));
  } catch (e) { /* the server has no --data */ }
}

async function deckPayload(file) {
  if (/\.bin$/i.test(file.name)) return { deck_b64: toBase64(new Uint8Array(await file.arrayBuffer())), name: file.name };
  return { deck: await file.text(), name: file.name };
}

async function readerLoad(file) {
  const r = await act({ cmd: "reader", ...(await deckPayload(file)) });
  if (r.ok) notify(`${file.name}: ${r.cards} cards in the 1442 hopper`);
  return r;
}

async function textOf(file) {
  if (file.size > 2_000_000) throw new Error(`${file.name} is too big to punch`);
  return file.text();
}

function dropZone(el, onFile) {
  el.addEventListener("dragover", (e) => {
    e.preventDefault();
    el.classList.add("dragover");
  });
  el.addEventListener("dragleave", () => el.classList.remove("dragover"));
  el.addEventListener("drop", async (e) => {
    e.preventDefault();
    el.classList.remove("dragover");
    const file = e.dataTransfer.files[0];
    if (file) {
      try { await onFile(file); } catch (err) { notify(String(err.message || err), true); }
    } else {
      const text = e.dataTransfer.getData("text");
      if (text) onFile(new File([text], "dropped text"));
    }
  });
}

// -------------------------------------------------------------- printout
function wirePrintout() {
  $("#printer-tear").addEventListener("click", async () => {
    const r = await act({ cmd: "tear_off", device: "printer" });
    if (r.ok && r.text) download("printout.txt", new Blob([r.text], { type: "text/plain" }));
    greenbar.clear();
  });
  $("#printer-download").addEventListener("click", async () => {
    const r = await act({ cmd: "printer_text" });
    if (r.ok) download("printout.txt", new Blob([r.printer], { type: "text/plain" }));
  });
}

// ----------------------------------------------------------------- state
async function saveState() {
  const r = await act({ cmd: "save_state" });
  if (!r.ok) return null;
  const state = JSON.parse(r.state);
  state.page = { source: editor.value, sourceName, switches: panel.switches };
  return JSON.stringify(state);
}

let sourceFromLink = false; // a shared link's program wins over a restored one

async function restoreState(text, name, keepSource = false) {
  let page = null;
  try {
    page = JSON.parse(text).page || null;
  } catch (e) { /* the worker names the problem */ }
  const r = await act({ cmd: "load_state", state: text, name });
  if (!r.ok) return r;
  if (page && typeof page.source === "string" && !keepSource) setSource(page.source, page.sourceName || "program.asm");
  consolePaper.clear();
  greenbar.clear();
  const s = await send({ cmd: "state" });
  panel.showSwitches(s.switches);
  notify(`Restored the machine from ${name}: IAR ${hex4(r.iar)}, ${r.instructions.toLocaleString("en")} instructions executed. Press PROGRAM START to continue.`);
  return r;
}

async function saveLocal(quiet) {
  const text = await saveState();
  if (!text) return false;
  try {
    localStorage.setItem(STATE_KEY, text);
  } catch (e) {
    // Too big with the cartridge image: keep the machine without it.
    const r = await send({ cmd: "save_state", include_disk: false });
    try {
      const small = JSON.parse(r.state);
      small.page = { source: editor.value, sourceName, switches: panel.switches };
      localStorage.setItem(STATE_KEY, JSON.stringify(small));
      if (!quiet) notify("Saved in this browser, without the disk cartridge (too big for local storage).");
      return true;
    } catch (e2) {
      notify(`This browser refused to store the state: ${e2.message}`, true);
      return false;
    }
  }
  if (!quiet) notify("The machine is saved in this browser.");
  return true;
}

function wireState() {
  $("#state-save-file").addEventListener("click", async () => {
    const text = await saveState();
    if (text) download("ibm1130-state.json", new Blob([text], { type: "application/json" }));
  });
  $("#state-load-file").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    e.target.value = "";
    if (file) restoreState(await file.text(), file.name);
  });
  $("#state-save-local").addEventListener("click", () => saveLocal(false));
  $("#state-load-local").addEventListener("click", () => {
    const text = localStorage.getItem(STATE_KEY);
    if (!text) return notify("Nothing is saved in this browser yet.", true);
    restoreState(text, "this browser's saved state");
  });
  // Autosave while the machine is used: every 20 s when it has moved on.
  setInterval(async () => {
    if (!retro.ready || !lastSnap || lastSnap.instructions === autosaveInstructions || lastSnap.lamps.run) return;
    autosaveInstructions = lastSnap.instructions;
    saveLocal(true);
  }, 20000);
}

// ---------------------------------------------------------------- files
function download(name, blob) {
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

function toBase64(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

function fromBase64(b64) {
  const s = atob(b64);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

// ----------------------------------------------------------------- start
async function initialSource() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const saved = localStorage.getItem(SOURCE_KEY);
  if (hash.has("asm")) {
    try {
      setSource(await decodeProgram(hash.get("asm")), "shared.asm");
      sourceFromLink = true;
      notify("This link carried a program: it is in the editor. Press “Load and run”.");
      return;
    } catch (err) {
      notify(`The program in this link is damaged and was not loaded (${err.message}). Your own program is kept.`, true);
    }
  }
  if (saved !== null) setSource(saved, "program.asm");
  else {
    const res = await fetch("examples/add.asm").catch(() => null);
    if (res && res.ok) setSource(await res.text(), "add.asm");
  }
}

async function afterBoot() {
  consolePaper.setPaced(speedSetting().real);
  await act({ cmd: "speed", ...speedSetting() });
  const s = await send({ cmd: "state" });
  panel.showSwitches(s.switches);
  kpAct({ cmd: "keypunch", op: "view" });
  if (query.get("fresh") !== "1" && localStorage.getItem(STATE_KEY) && query.get("restore") !== "0") {
    await restoreState(localStorage.getItem(STATE_KEY), "your last visit", sourceFromLink);
  }
}

panel.showMode("RUN");
panel.showSwitches(0);
wireConsole();
wireKeys();
wireTabs();
wireEditor();
wireDebugger();
wireCardRoom();
wirePrintout();
wireState();
loadExamples();
listServerDisks();
initialSource();
bootWorker();
retro.modes = MODES;
