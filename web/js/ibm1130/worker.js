// The IBM 1130 page's module Web Worker: loads Pyodide and the project
// wheel, owns the machine (machines.ibm1130.web.bridge.Bridge), and runs it
// in bounded slices. Python is never called with an unbounded amount of
// work: the free-running CPU advances in per-frame slices, and a scripted
// {cmd:"run"} advances in chunks of a few milliseconds with a turn of the
// event loop between them, so IMM STOP is handled at once.
//
// The worker only relays: how much the CPU does in a frame or a chunk (the
// speed setting, the real-speed throttle, the adaptive budgets, the
// instructions a second shown) is decided in Python
// (machines/ibm1130/web/pacing.py); this file gives it the wall time that
// passed and posts what it returns.
//
// Messages in:  init, every bridge command (see machines/ibm1130/web/bridge.py), run, step,
//               pause, resume, mount, disk_image, frames
// Messages out: progress, ready, frame (lamp snapshot), reply, notice, error

import { bootPython, finishBoot } from "../pyodide-boot.js";
import { openInbox } from "../worker-inbox.js";

const SNAPSHOT_MS = 33; // at most ~30 lamp snapshots per second (DESIGN.md)
// After the last change, the unchanged view is posted this long more, so
// the lamps' afterglow and RUN's 0.5 s hold (panel.js) finish on the page;
// then nothing is posted, and Python is not called, until a message comes.
const SETTLE_MS = 600;

let py = null;
let bridge = null;
let paused = false;
let failed = false;
let frames = 0; // machine frames run (the test hook's count; still while paused)
let snapshots = 0; // lamp snapshots posted
let lastFrame = 0;
let dirty = true; // a message was handled: the page gets a snapshot after it
let awake = true; // false: the machine is idle and its view unchanged
let lastChange = 0; // when the last changed view was posted
let settled = null; // that view without its one-time parts, for the settle posts
let lastText = ""; // the last snapshot posted, as text
let chained = false; // a maximum-speed frame is scheduled
let runJob = null; // {id} while a {cmd:"run"} message is being answered
let interruptBuffer = null;

function post(msg, transfer) {
  self.postMessage(msg, transfer || []);
}

function reply(id, body) {
  post({ type: "reply", id, ...body });
}

// A failure in a frame stops the machine (it would fail again every
// frame); a failure in a command is reported and the machine goes on.
function fail(err, where, fatal = true) {
  const text = String((err && err.message) || err);
  if (/KeyboardInterrupt/.test(text)) {
    // The page's last resort (web.md 1.5): Python was interrupted mid-slice.
    post({ type: "notice", text: "The worker was interrupted; the CPU is stopped. Press CHECK RESET if the machine looks wrong." });
    try { bridge.handle(JSON.stringify({ cmd: "button", name: "imm_stop" })); } catch (e) { /* ignore */ }
    return;
  }
  if (fatal) failed = true;
  post({ type: "error", where, text });
}

function call(msg) {
  return JSON.parse(bridge.handle(JSON.stringify(msg)));
}

// Something may have changed: post a snapshot after it, and watch again.
function touch() {
  dirty = true;
  awake = true;
}

// Post a snapshot (JSON text from the bridge); `counts` says whether the
// machine ran a frame (the test hook's frame count).
function postSnapshot(text, counts = true) {
  const snap = JSON.parse(text);
  if (counts) frames += 1;
  snapshots += 1;
  snap.frames = frames;
  snap.snapshots = snapshots;
  snap.paused = paused;
  post({ type: "frame", snap });
  return snap;
}

// The settle posts repeat the last view without what happened once in it.
function settleView(snap) {
  const view = { ...snap };
  delete view.console;
  delete view.printer;
  view.stop = null;
  view.executed = 0;
  view.cycles = 0;
  return JSON.stringify(view);
}

let lastTick = 0;

function loop(now) {
  self.requestAnimationFrame(loop);
  tick(now);
}

// rAF stops while the page is hidden; the machine goes on by timer then.
setInterval(() => {
  if (performance.now() - lastTick > 250) tick(performance.now());
}, 100);

// At maximum speed frames follow each other at once (each one is ~30 ms of
// Python, pacing.py), with a turn of the event loop between them for the
// page's messages; a MessageChannel turn is not clamped like setTimeout.
const chain = new MessageChannel();
chain.port1.onmessage = () => {
  chained = false;
  if (!paused && !runJob) frame(performance.now());
};

function tick(now) {
  lastTick = performance.now();
  if (!bridge || failed || chained) return;
  const dt = now - lastFrame;
  if (dt < SNAPSHOT_MS) return;
  if (paused || runJob) {
    lastFrame = now;
    if (dirty || runJob) {
      dirty = false;
      guarded(() => postSnapshot(bridge.frame(0), false), "frame");
    }
    return;
  }
  if (awake) frame(now);
}

function frame(now) {
  if (!bridge || failed) return;
  const dt = Math.max(0, now - lastFrame);
  lastFrame = now;
  const force = dirty;
  dirty = false;
  guarded(() => {
    const text = bridge.tick(dt, force); // pacing.py turns the wall time into the frame's budget
    const at = performance.now();
    if (text) {
      const snap = postSnapshot(text);
      if (text !== lastText) {
        // Only a changed view restarts the afterglow posts: a message
        // that changed nothing gets its one snapshot and no more.
        lastChange = at;
        settled = settleView(snap);
      }
      lastText = text;
    } else if (at - lastChange < SETTLE_MS && settled) {
      postSnapshot(settled, false);
    } else {
      awake = false; // idle and unchanged: nothing to post until a message
    }
    chainFrame();
  }, "frame");
}

// At maximum speed the next frame follows at once (not at the next animation
// frame, up to SNAPSHOT_MS later): after a frame, and after a message that
// set the CPU running (PROGRAM LOAD, START).
function chainFrame() {
  if (bridge.free_running && !chained && !paused && !runJob) {
    chained = true;
    chain.port2.postMessage(0);
  }
}

function guarded(fn, where) {
  try {
    return fn();
  } catch (err) {
    fail(err, where);
    return null;
  }
}

// One turn of the event loop (messages get in), unclamped: setTimeout(0)
// waits at least 4 ms once nested, half of an 8 ms chunk.
const turns = new MessageChannel();
const waiting = [];
turns.port1.onmessage = () => waiting.shift()();
function yieldTurn() {
  return new Promise((resolve) => {
    waiting.push(resolve);
    turns.port2.postMessage(0);
  });
}

// A scripted run: chunks of about 8 ms, a macrotask turn between them.
async function runMessage(msg) {
  const start = bridge.run_begin(JSON.stringify(msg));
  if (start) {
    reply(msg.id, JSON.parse(start));
    return;
  }
  runJob = { id: msg.id };
  while (runJob && runJob.id === msg.id) {
    let out;
    try {
      out = bridge.run_continue(); // a chunk pacing.py sizes to a few milliseconds
    } catch (err) {
      runJob = null;
      fail(err, "run", false);
      reply(msg.id, { ok: false, error: String(err.message || err) });
      return;
    }
    if (out) {
      runJob = null;
      touch();
      reply(msg.id, JSON.parse(out));
      return;
    }
    await yieldTurn();
  }
}

async function mount(msg) {
  let bytes = msg.bytes;
  let name = msg.name || "cartridge";
  if (!bytes) {
    const res = await fetch(msg.url);
    if (!res.ok) throw new Error(`${msg.url}: the server answered ${res.status} ${res.statusText}`);
    bytes = new Uint8Array(await res.arrayBuffer());
    name = msg.name || msg.url.split("/").pop();
  }
  return JSON.parse(bridge.mount_disk(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), name, msg.drive || 0));
}

async function handle(msg) {
  try {
    switch (msg.cmd) {
      case "run":
        await runMessage(msg);
        return;
      case "button":
        if (msg.name === "imm_stop" && runJob) {
          const id = runJob.id;
          runJob = null;
          const out = bridge.run_abort();
          if (out) reply(id, JSON.parse(out));
        }
        break;
      case "pause":
        paused = true;
        touch();
        reply(msg.id, { ok: true, paused });
        return;
      case "resume":
        paused = false;
        touch();
        reply(msg.id, { ok: true, paused });
        return;
      case "step":
        if (msg.frames !== undefined) {
          // Test hook: N frames of the free-running machine, now.
          let snap = null;
          for (let i = 0; i < Math.max(0, msg.frames | 0); i++) snap = postSnapshot(bridge.step_frame());
          if (!snap) snap = postSnapshot(bridge.frame(0), false);
          reply(msg.id, { ok: true, frames, lamps: snap.lamps, instructions: snap.instructions });
          return;
        }
        break;
      case "mount":
        reply(msg.id, await mount(msg));
        touch();
        return;
      case "disk_image": {
        const proxy = bridge.disk_image();
        const bytes = proxy.toJs();
        proxy.destroy();
        post({ type: "reply", id: msg.id, ok: true, bytes }, [bytes.buffer]);
        return;
      }
      case "frames":
        reply(msg.id, { ok: true, frames });
        return;
    }
    const out = call(msg);
    touch();
    reply(msg.id, out);
    chainFrame();
  } catch (err) {
    reply(msg.id, { ok: false, error: String((err && err.message) || err) });
    if (!/server answered|Failed to fetch/.test(String(err && err.message))) fail(err, msg.cmd, false);
  }
}

async function start(init) {
  paused = !!init.paused;
  const progress = (stage, fraction) => post({ type: "progress", stage, fraction });
  py = await bootPython(progress, { snapshot: "ibm1130.snapshot" }); // (build.py make_snapshot)
  if (init.interruptBuffer) {
    interruptBuffer = init.interruptBuffer;
    py.setInterruptBuffer(interruptBuffer);
  }
  progress("Powering up the 1130", 0.95);
  const mod = py.pyimport("machines.ibm1130.web.bridge");
  performance.mark("boot:bridge imported");
  bridge = mod.Bridge();
  if (init.speed) bridge.handle(JSON.stringify({ cmd: "speed", ...init.speed }));
  performance.mark("boot:machine built");
  post({ type: "ready", paused });
  // A snapshot boot's wheel files are unpacked after the lamps' first view
  // (~0.3 s); the snapshot holds what that view imports (build.py).
  guarded(() => postSnapshot(bridge.frame(0), false), "frame");
  finishBoot(py);
  lastFrame = 0;
  self.requestAnimationFrame(loop);
}

openInbox({ start, handle, fail });
