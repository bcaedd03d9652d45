// The arcade page: a canvas handed to the worker, the game picker, input,
// sound, loading bar, error overlay and window.retro.

import { Audio } from "./audio.js";
import { Input, buildTouchControls, wireSpinDrag } from "./input.js";
import { ErrorOverlay, LoadingBar, WorkerLink, installRetro, params } from "./shell.js";

const $ = (sel) => document.querySelector(sel);
const query = params();
const canvasBox = $("#screen");
const loading = new LoadingBar($("#loading"));
const audio = new Audio();
const storageKey = (game) => `retro1130.persist.${game}`;
let link;
let input;
let info = null;
let persistedCache = {};

const retro = installRetro({
  game: null,
  sounds: [],
  send: (msg) => link.request(msg),
  // Convenience hooks for scripts and tests.
  step: (frames) => link.request({ cmd: "step", frames }),
  state: async () => (await link.request({ cmd: "state" })).state,
  pixels: (region) => link.request({ cmd: "pixels", region }),
});

const overlay = new ErrorOverlay($("#error"), () => restart());

function loadPersisted() {
  const out = {};
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k.startsWith("retro1130.persist.")) out[k.slice(18)] = localStorage.getItem(k);
  }
  return out;
}

function canvasSize() {
  const r = canvasBox.getBoundingClientRect();
  const dpr = Math.min(2, window.devicePixelRatio || 1);
  return { width: Math.max(64, Math.round(r.width * dpr)), height: Math.max(64, Math.round(r.height * dpr)) };
}

function bootWorker() {
  const canvas = document.createElement("canvas");
  canvas.id = "game-canvas";
  canvas.setAttribute("aria-label", "game screen");
  canvas.tabIndex = 0;
  canvasBox.querySelector("canvas")?.remove();
  canvasBox.prepend(canvas);
  const offscreen = canvas.transferControlToOffscreen();
  link = new WorkerLink(new URL("./arcade-worker.js", import.meta.url));
  link.on(onMessage);
  persistedCache = loadPersisted();
  const size = canvasSize();
  const settings = {};
  if (query.get("players")) settings.players = Number(query.get("players"));
  const seed = Number.parseInt(query.get("seed") || "", 10);
  link.post({
    cmd: "init", canvas: offscreen, ...size,
    game: query.get("game") || "pong",
    seed: Number.isSafeInteger(seed) ? seed : Date.now() % 100000,
    paused: query.get("paused") === "1",
    settings,
    persisted: persistedCache,
    options: readOptions(),
  }, [offscreen]);
}

function onMessage(msg) {
  switch (msg.type) {
    case "progress":
      loading.show(msg.stage, msg.fraction);
      retro.timeline = (retro.timeline || []).concat([[msg.stage, Math.round(msg.t - performance.timeOrigin)]]);
      break;
    case "ready":
      loading.hide();
      retro.ready = true;
      retro.bootMs = retro.bootMs ?? Math.round(performance.now());
      fillPicker(msg.games);
      break;
    case "first-frame":
      retro.firstFrameMs = Math.round(msg.at - performance.timeOrigin);
      break;
    case "game":
      setGame(msg.info);
      break;
    case "frame":
      retro.frames = msg.frames;
      break;
    case "sound":
      // The last sound events, for tests and the curious (audio may be locked).
      retro.sounds = retro.sounds.concat(msg.sounds).slice(-50);
      for (const s of msg.sounds) audio.play(s);
      if (msg.loops) audio.setLoops(msg.loops);
      break;
    case "persist":
      try { localStorage.setItem(storageKey(msg.game), msg.data); } catch (e) { /* storage full or denied */ }
      break;
    case "notice":
      showNotice(msg.text);
      break;
    case "error":
      overlay.report(msg, retro, loading);
      break;
  }
}

function setGame(gameInfo) {
  info = gameInfo;
  retro.game = info.name;
  input.setGame(info);
  audio.setBank(info.sounds);
  buildTouchControls($("#touch"), info, input);
  $("#help").textContent = info.help || "";
  showKeys($("#keys"), info.key_legend || []);
  $("#game-title").textContent = info.title;
  const [x0, y0, x1, y1] = info.window;
  canvasBox.style.aspectRatio = `${x1 - x0} / ${y1 - y0}`;
  canvasBox.style.width = `min(100%, calc((100vh - 190px) * ${(x1 - x0) / (y1 - y0)}))`;
  $("#players").hidden = info.name !== "pong";
  document.title = `${info.title} — retro1130 arcade`;
  const sel = $("#game-select");
  if (sel.value !== info.name) sel.value = info.name;
  requestAnimationFrame(() => link.post({ cmd: "resize", ...canvasSize() }));
}

// This game's own keys (its key_legend: [keys, action] pairs).
function showKeys(el, legend) {
  el.textContent = "Keys: ";
  legend.forEach(([keys, action], i) => {
    const k = document.createElement("kbd");
    k.textContent = keys;
    el.append(k, ` ${action}${i < legend.length - 1 ? ", " : ". "}`);
  });
  el.append("Gamepads work too.");
}

function fillPicker(games) {
  const sel = $("#game-select");
  sel.textContent = "";
  for (const g of games) {
    const opt = document.createElement("option");
    opt.value = g.name;
    opt.textContent = g.title;
    sel.appendChild(opt);
  }
  if (info) sel.value = info.name;
}

function showNotice(text) {
  const n = $("#notice");
  n.textContent = text;
  n.hidden = false;
  setTimeout(() => (n.hidden = true), 6000);
}

function readOptions() {
  return {
    persistence: Number($("#opt-persistence").value) / 100,
    flicker: Number($("#opt-flicker").value) / 100,
    glow: $("#opt-glow").checked ? 0.55 : 0,
  };
}

async function switchGame(name, settings = {}) {
  const u = new URL(location.href);
  u.searchParams.set("game", name);
  history.replaceState(null, "", u);
  await link.request({ cmd: "game", name, settings, persisted: persistedCache[name] || loadPersisted()[name] });
}

function restart() {
  retro.error = null;
  if (!retro.ready) {
    // Python never came up: start a fresh worker.
    link.terminate();
    bootWorker();
    return;
  }
  link.request({ cmd: "restart", persisted: loadPersisted()[retro.game] });
}

function wireInput() {
  input = new Input((name, value) => link.post({ cmd: "control", name, value }),
    (steps) => link.post({ cmd: "spin", steps }));
  wireSpinDrag(canvasBox, input);
  // A click on the screen locks the mouse to a spinner game (Esc frees it).
  canvasBox.addEventListener("click", () => {
    if (!input.controls.has("spinner") || !canvasBox.requestPointerLock) return;
    try { canvasBox.requestPointerLock()?.catch?.(() => {}); } catch (e) { /* not allowed here */ }
  });
  const gameKey = (e, down) => {
    if (e.target.closest && e.target.closest("select, input, button, textarea")) return;
    audio.unlock();
    if (input.key(e, down)) e.preventDefault();
  };
  window.addEventListener("keydown", (e) => { if (!e.repeat) gameKey(e, true); else if (input.keyControls(e.code).length) e.preventDefault(); });
  window.addEventListener("keyup", (e) => gameKey(e, false));
  window.addEventListener("blur", () => input.releaseAll());
  canvasBox.addEventListener("wheel", (e) => { if (input.wheel(e)) e.preventDefault(); }, { passive: false });
  canvasBox.addEventListener("pointerdown", (e) => { audio.unlock(); input.pointer(e, canvasBox.getBoundingClientRect()); });
  canvasBox.addEventListener("pointermove", (e) => input.pointer(e, canvasBox.getBoundingClientRect()));
  const poll = () => {
    input.pollGamepads();
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

function wireControls() {
  $("#game-select").addEventListener("change", (e) => switchGame(e.target.value));
  $("#players").addEventListener("change", (e) => switchGame("pong", { players: Number(e.target.value) }));
  for (const id of ["#opt-persistence", "#opt-flicker", "#opt-glow"]) {
    $(id).addEventListener("input", () => link.post({ cmd: "options", options: readOptions() }));
  }
  $("#sound").addEventListener("click", () => {
    audio.unlock();
    audio.setMuted(!audio.muted);
    $("#sound").textContent = audio.muted ? "Sound: off" : "Sound: on";
    $("#sound").setAttribute("aria-pressed", String(!audio.muted));
  });
  $("#fullscreen").addEventListener("click", () => canvasBox.requestFullscreen?.());
  $("#pause").addEventListener("click", () => {
    const paused = $("#pause").getAttribute("aria-pressed") !== "true";
    link.post({ cmd: paused ? "pause" : "resume" });
    $("#pause").setAttribute("aria-pressed", String(paused));
    $("#pause").textContent = paused ? "Resume" : "Pause";
  });
  if (query.get("paused") === "1") {
    $("#pause").setAttribute("aria-pressed", "true");
    $("#pause").textContent = "Resume";
  }
  new ResizeObserver(() => link && retro.ready && link.post({ cmd: "resize", ...canvasSize() })).observe(canvasBox);
  // Phones: no pinch or double-tap zoom on the game.
  canvasBox.addEventListener("touchstart", (e) => { if (e.touches.length > 1) e.preventDefault(); }, { passive: false });
}

if (query.get("touch") === "1") $("#touch").style.display = "flex";
wireInput();
wireControls();
bootWorker();
