// The arcade's module Web Worker: loads Pyodide and the project wheel, owns
// the game (games.runner.GameRunner), and draws its display list on the
// OffscreenCanvas handed over by the page. Per animation frame it runs one
// bounded slice of Python (at most MAX_TICKS fixed ticks) and draws.
//
// Messages in:  init, resize, control, spin, release, step, pause, resume, game,
//               options, pixels, bench, state, fault, restart, persist
// Messages out: progress, ready, frame, sound, error, reply, persist

import { VectorRenderer } from "./vector-renderer.js";
import { bootPython } from "./pyodide-boot.js";
import { openInbox } from "./worker-inbox.js";

const MAX_TICKS = 4; // a slow frame never runs more than this many ticks
const FRAME_POST_MS = 33; // frame counts go to the page at most ~30 per second


let py = null;
let runnerModule = null;
let runner = null;
let buffer = null; // PyProxy of the display list's array('f'), fetched once per runner
let renderer = null;
let info = null;
let paused = false;
let failed = false;
let frames = 0;
let acc = 0;
let last = 0;
let lastPost = 0;
let paletteVersion = -1;
let firstFrameAt = 0;
let seed = 1;
let gameName = "pong";
let settings = {};

function post(msg, transfer) {
  self.postMessage(msg, transfer || []);
}

function fail(err, where) {
  failed = true;
  const text = String((err && err.message) || err);
  post({ type: "error", where, text });
}

function newRunner(name, gameSettings) {
  if (runner) {
    try { savePersistent(); } catch (e) { /* the old game may be broken */ }
    if (buffer) buffer.destroy();
    runner.destroy();
    runner = buffer = null;
  }
  gameName = name;
  settings = gameSettings || {};
  runner = runnerModule.GameRunner(name, seed, JSON.stringify(settings));
  buffer = runner.buffer;
  info = JSON.parse(runner.info_json());
  renderer.setWindow(info.window);
  paletteVersion = -1;
  failed = false;
  acc = 0;
  post({ type: "game", info });
}

function savePersistent() {
  if (!runner) return;
  const text = runner.persistent_json();
  if (text) post({ type: "persist", game: gameName, data: text });
}

function draw(ticks) {
  const count = runner.frame(ticks);
  if (runner.palette_version !== paletteVersion) {
    paletteVersion = runner.palette_version;
    renderer.setPalette(JSON.parse(runner.palette_json()));
  }
  // One zero-copy view of WebAssembly memory, used and released in this
  // turn with no Python call in between (web.md 1.3).
  const view = buffer.getBuffer("f32");
  try {
    renderer.draw(view.data, count);
  } finally {
    view.release();
  }
  const events = runner.take_events_json();
  if (events) post({ type: "sound", ...JSON.parse(events) });
  if (ticks) {
    frames += ticks;
    // Save the high-score table now and then (the page keeps it in localStorage).
    if (frames % 600 < ticks) savePersistent();
  }
  if (!firstFrameAt) {
    firstFrameAt = performance.now();
    post({ type: "first-frame", at: performance.timeOrigin + firstFrameAt });
  }
}

function loop(now) {
  self.requestAnimationFrame(loop);
  if (!runner || failed) return;
  let ticks = 0;
  if (!paused) {
    const tickMs = 1000 / info.refresh_hz;
    acc += Math.min(250, now - last);
    ticks = Math.floor(acc / tickMs);
    acc -= ticks * tickMs;
    if (ticks > MAX_TICKS) {
      ticks = MAX_TICKS;
      acc = 0;
    }
  }
  last = now;
  if (ticks === 0 && paused) return;
  try {
    draw(ticks);
  } catch (err) {
    fail(err, "frame");
    return;
  }
  if (now - lastPost > FRAME_POST_MS) {
    lastPost = now;
    post({ type: "frame", frames });
  }
}

function reply(id, body) {
  post({ type: "reply", id, ...body });
}

function handle(msg) {
  try {
    switch (msg.cmd) {
      case "resize":
        renderer.resize(msg.width, msg.height);
        if (runner && !failed) draw(0);
        break;
      case "control":
        if (runner) runner.set_control(msg.name, msg.value);
        break;
      case "spin":
        if (runner) runner.spin(msg.steps);
        break;
      case "release":
        if (runner) runner.release_all();
        break;
      case "pause":
        paused = true;
        break;
      case "resume":
        paused = false;
        last = performance.now();
        break;
      case "step": {
        // Test hook: advance exactly N ticks now, then draw.
        const n = Math.max(0, msg.frames | 0);
        if (runner && !failed) {
          try {
            draw(n);
          } catch (err) {
            fail(err, "frame");
          }
        }
        post({ type: "frame", frames });
        reply(msg.id, { frames });
        break;
      }
      case "game":
        newRunner(msg.name, msg.settings);
        loadPersistent(msg.persisted);
        draw(0);
        reply(msg.id, { info });
        break;
      case "options":
        renderer.setOptions(msg.options);
        if (msg.id !== undefined) reply(msg.id, { options: renderer.options });
        break;
      case "pixels":
        reply(msg.id, renderer.pixels(msg.region));
        break;
      case "bench": {
        // Renderer benchmark: the game's busiest scene (if it has one)
        // drawn `frames` times; replies with milliseconds per frame.
        const scene = msg.scene === false ? false : runner.use_bench_scene(msg.seed ?? 1);
        const count = runner.frame(0);
        const view = buffer.getBuffer("f32");
        let result;
        try {
          result = renderer.bench(view.data, count, Math.max(1, msg.frames | 0 || 120));
        } finally {
          view.release();
        }
        reply(msg.id, { ...result, scene, game: gameName });
        break;
      }
      case "state":
        reply(msg.id, { state: runner ? JSON.parse(runner.state_json()) : null, frames, paused });
        break;
      case "fault":
        runner.inject_fault();
        reply(msg.id, {});
        break;
      case "restart":
        newRunner(gameName, settings);
        loadPersistent(msg.persisted);
        draw(0);
        reply(msg.id, { info });
        break;
      default:
        reply(msg.id, { error: `unknown command ${msg.cmd}` });
    }
  } catch (err) {
    fail(err, msg.cmd);
    reply(msg.id, { error: String(err.message || err) });
  }
}

function loadPersistent(text) {
  if (text && runner) runner.load_persistent_json(text);
}

async function start(init) {
  paused = !!init.paused;
  seed = init.seed ?? 1;
  renderer = new VectorRenderer(init.canvas.getContext("2d", { alpha: false, willReadFrequently: false }), init.options);
  renderer.resize(init.width, init.height);
  const progress = (stage, fraction) =>
    post({ type: "progress", stage, fraction, t: performance.timeOrigin + performance.now() });
  py = await bootPython(progress);
  progress("Starting the game", 0.96);
  runnerModule = py.pyimport("games.runner");
  try {
    newRunner(init.game || "pong", init.settings);
  } catch (err) {
    // An unknown game name from the URL: say so, and fall back to Pong.
    post({ type: "notice", text: String(err.message || err).split("\n").filter(Boolean).pop() });
    newRunner("pong", {});
  }
  loadPersistent(init.persisted && init.persisted[gameName]);
  post({ type: "ready", info, games: JSON.parse(runnerModule.list_games_json()) });
  draw(0);
  last = performance.now();
  self.requestAnimationFrame(loop);
}

openInbox({ start, handle, fail });
