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

import { bootPython } from "../pyodide-boot.js";
import { openInbox } from "../worker-inbox.js";

const SNAPSHOT_MS = 33; // at most ~30 lamp snapshots per second (DESIGN.md)

let py = null;
let bridge = null;
let paused = false;
let failed = false;
let frames = 0; // machine frames run (the test hook's count; still while paused)
let snapshots = 0; // lamp snapshots posted
let lastFrame = 0;
let dirty = true;
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

let lastTick = 0;

function loop(now) {
  self.requestAnimationFrame(loop);
  tick(now);
}

// rAF stops while the page is hidden; the machine goes on by timer then.
setInterval(() => {
  if (performance.now() - lastTick > 250) tick(performance.now());
}, 100);

function tick(now) {
  lastTick = performance.now();
  if (!bridge || failed) return;
  const dt = now - lastFrame;
  if (dt < SNAPSHOT_MS) return;
  lastFrame = now;
  if (paused || runJob) {
    if (dirty || runJob) {
      dirty = false;
      guarded(() => postSnapshot(bridge.frame(0), false), "frame");
    }
    return;
  }
  guarded(() => {
    postSnapshot(bridge.tick(dt)); // pacing.py turns the wall time into the frame's budget
    dirty = false;
  }, "frame");
}

function guarded(fn, where) {
  try {
    return fn();
  } catch (err) {
    fail(err, where);
    return null;
  }
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
      dirty = true;
      reply(msg.id, JSON.parse(out));
      return;
    }
    await new Promise((r) => setTimeout(r, 0));
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
        dirty = true;
        reply(msg.id, { ok: true, paused });
        return;
      case "resume":
        paused = false;
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
        dirty = true;
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
    dirty = true;
    reply(msg.id, out);
  } catch (err) {
    reply(msg.id, { ok: false, error: String((err && err.message) || err) });
    if (!/server answered|Failed to fetch/.test(String(err && err.message))) fail(err, msg.cmd, false);
  }
}

async function start(init) {
  paused = !!init.paused;
  const progress = (stage, fraction) => post({ type: "progress", stage, fraction });
  py = await bootPython(progress);
  if (init.interruptBuffer) {
    interruptBuffer = init.interruptBuffer;
    py.setInterruptBuffer(interruptBuffer);
  }
  progress("Powering up the 1130", 0.95);
  const mod = py.pyimport("machines.ibm1130.web.bridge");
  bridge = mod.Bridge();
  if (init.speed) bridge.handle(JSON.stringify({ cmd: "speed", ...init.speed }));
  post({ type: "ready", paused });
  lastFrame = 0;
  self.requestAnimationFrame(loop);
}

openInbox({ start, handle, fail });
