// The IBM 1130 page's module Web Worker: loads Pyodide and the project
// wheel, owns the machine (machines.ibm1130.web.bridge.Bridge), and runs it
// in bounded slices. Python is never called with an unbounded amount of
// work: the free-running CPU advances in per-frame slices, and a scripted
// {cmd:"run"} advances in chunks of a few milliseconds with a turn of the
// event loop between them, so IMM STOP is handled at once.
//
// Messages in:  init, every bridge command (see machines/ibm1130/web/bridge.py), run, step,
//               pause, resume, speed, mount, disk_image
// Messages out: progress, ready, frame (lamp snapshot), reply, error

import { bootPython } from "../pyodide-boot.js";
import { openInbox } from "../worker-inbox.js";

const SNAPSHOT_MS = 33; // at most ~30 lamp snapshots per second (DESIGN.md)
const MAX_FRAME_MS = 100; // a long pause (tab hidden) is not made up for
const STEP_FRAME_INSTRUCTIONS = 2000; // the step hook's frame: 1/60 s of a 120 k instr/s 1130


let py = null;
let bridge = null;
let paused = false;
let failed = false;
let frames = 0; // machine frames run (the test hook's count; still while paused)
let snapshots = 0; // lamp snapshots posted
let lastFrame = 0;
let dirty = true;
let speed = { real: true, cycleUs: 3.6 };
let maxBudget = 20000; // instructions per snapshot at full speed, tuned to ~14 ms of Python
let ips = 0;
let ipsWindow = { t: 0, n: 0 };
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

function snapshot(instructions, cycles, counts = true) {
  const text = bridge.frame(instructions, cycles, 8);
  const snap = JSON.parse(text);
  if (counts) frames += 1;
  snapshots += 1;
  const now = performance.now();
  ipsWindow.n += snap.executed;
  if (now - ipsWindow.t >= 1000) {
    ips = Math.round((ipsWindow.n * 1000) / (now - ipsWindow.t));
    ipsWindow = { t: now, n: 0 };
  }
  snap.ips = ips;
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
      guarded(() => snapshot(0, 0, false), "frame");
    }
    return;
  }
  const ms = Math.min(MAX_FRAME_MS, dt);
  guarded(() => {
    if (speed.real) {
      // Real speed: the storage cycles the 1130 would have taken in ms.
      const cycles = (ms * 1000) / speed.cycleUs;
      snapshot(Math.ceil(cycles), cycles);
    } else {
      const t0 = performance.now();
      const snap = snapshot(maxBudget, 0);
      const spent = performance.now() - t0;
      if (snap.executed >= maxBudget * 0.9) {
        // Aim at ~14 ms of Python per snapshot: the page stays smooth.
        maxBudget = Math.max(2000, Math.min(400000, Math.round(maxBudget * Math.min(2, 14 / Math.max(1, spent)))));
      }
    }
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
  let chunk = 20000;
  while (runJob && runJob.id === msg.id) {
    const t0 = performance.now();
    let out;
    try {
      out = bridge.run_continue(chunk);
    } catch (err) {
      runJob = null;
      fail(err, "run", false);
      reply(msg.id, { ok: false, error: String(err.message || err) });
      return;
    }
    const spent = performance.now() - t0;
    if (out) {
      runJob = null;
      dirty = true;
      reply(msg.id, JSON.parse(out));
      return;
    }
    chunk = Math.max(1000, Math.min(500000, Math.round(chunk * Math.min(2, 8 / Math.max(0.5, spent)))));
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
      case "speed":
        speed = { real: !!msg.real, cycleUs: Number(msg.cycle_us) || 3.6 };
        break;
      case "step":
        if (msg.frames !== undefined) {
          // Test hook: N frames of the free-running machine, now.
          let snap = null;
          for (let i = 0; i < Math.max(0, msg.frames | 0); i++) snap = snapshot(STEP_FRAME_INSTRUCTIONS, 0);
          if (!snap) snap = snapshot(0, 0, false);
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
  if (init.speed) speed = { real: !!init.speed.real, cycleUs: Number(init.speed.cycle_us) || 3.6 };
  const progress = (stage, fraction) => post({ type: "progress", stage, fraction });
  py = await bootPython(progress);
  if (init.interruptBuffer) {
    interruptBuffer = init.interruptBuffer;
    py.setInterruptBuffer(interruptBuffer);
  }
  progress("Powering up the 1130", 0.95);
  const mod = py.pyimport("machines.ibm1130.web.bridge");
  bridge = mod.Bridge();
  bridge.handle(JSON.stringify({ cmd: "speed", real: speed.real, cycle_us: speed.cycleUs }));
  post({ type: "ready", paused });
  ipsWindow = { t: performance.now(), n: 0 };
  lastFrame = 0;
  self.requestAnimationFrame(loop);
}

openInbox({ start, handle, fail });
