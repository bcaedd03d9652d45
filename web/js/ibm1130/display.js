// The IBM 2250 pane of the 1130 page: the screen drawn by the project's
// vector renderer (../vector-renderer.js, the arcade's) with a P39 look
// (yellow-green phosphor, long persistence), the light pen as the mouse or
// a finger, and the 32 programmed function keys with their lamps.
//
// The worker sends a frame only when the 2250 regenerated one
// (machines/ibm1130/web/display.py: snapshot.display = {frames, lamps,
// segments}). The 2250's refresh keeps a steady picture at one brightness,
// so an unchanged picture is not drawn again (the renderer's own
// persistence would add it up to white); a changed one leaves the old
// picture fading in the phosphor: it is drawn with the new one at an
// intensity falling as the P39's afterglow (PERSISTENCE_MS), frame by frame.
//
// The light pen: the pointer's position over the screen, in 2250 raster
// units (1024 x 1024, origin bottom left, y up), goes to the worker as
// {cmd: "light_pen", x, y, switch}; x, y null when the pointer leaves (the
// pen is away from the tube); a press is the pen's tip switch. With the
// screen focused, typing is the 2250's alphanumeric keyboard (Enter END,
// Backspace, Delete CANCEL, Tab ADVANCE).

import { VectorRenderer } from "../vector-renderer.js";
import { $ } from "./page.js";

const RASTER = 1024;
const P39 = [110, 245, 80]; // P39: yellowish green (peak near 525 nm); the additive core brightens it
const LOOK = { persistence: 0, glow: 0.45, beamWidthMin: 1.2, beamWidthMax: 2.4 };
const PERSISTENCE_MS = 180; // the afterglow's time constant (P39 is a long-persistence phosphor)
const GHOSTS = 4; // old pictures still glowing, at most
const KEYS = 32;

function same(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class DisplayPane {
  // ctx: {act, send, retro}
  constructor(ctx) {
    this.ctx = ctx;
    this.canvas = $("#gdu-screen");
    this.renderer = new VectorRenderer(this.canvas.getContext("2d", { alpha: false }), LOOK);
    this.renderer.resize(this.canvas.width, this.canvas.height);
    this.renderer.setWindow([0, 0, RASTER, RASTER]);
    this.renderer.setPalette(Array.from({ length: 8 }, () => P39));
    this.data = new Float32Array(0);
    this.count = 0;
    this.ghosts = []; // [{data, at}] pictures replaced, still fading
    this.dirty = true;
    this.frames = -1;
    this.lamps = 0;
    this.pen = { x: null, y: null, switch: false };
    this.penBusy = false;
    this.penDirty = false;
    this.buildKeys();
    this.wirePen();
    this.wireKeyboard();
    ctx.retro.display2250 = this; // for scripts and tests: frames, lamps, pixels(region)
    const loop = () => {
      requestAnimationFrame(loop);
      if (this.canvas.offsetParent !== null && (this.dirty || this.ghosts.length)) this.paint();
    };
    requestAnimationFrame(loop);
  }

  onFrame(snap) {
    const d = snap.display;
    if (!d) return;
    this.frames = d.frames;
    const fresh = Float32Array.from(d.segments);
    if (!same(fresh, this.data)) {
      this.ghosts.unshift({ data: this.data, at: performance.now() });
      this.ghosts.length = Math.min(this.ghosts.length, GHOSTS);
      this.data = fresh;
      this.count = Math.floor(fresh.length / 6);
      this.dirty = true;
    }
    if (d.lamps !== this.lamps) this.showLamps(d.lamps);
  }

  // The picture, with the replaced ones at their afterglow's intensity.
  paint() {
    const now = performance.now();
    this.ghosts = this.ghosts.filter((g) => Math.exp(-(now - g.at) / PERSISTENCE_MS) > 0.04);
    let all = this.data;
    if (this.ghosts.length) {
      all = new Float32Array(this.data.length + this.ghosts.reduce((n, g) => n + g.data.length, 0));
      let at = 0;
      for (const g of this.ghosts) {
        const fade = Math.exp(-(now - g.at) / PERSISTENCE_MS);
        all.set(g.data, at);
        for (let r = at + 4; r < at + g.data.length; r += 6) all[r] *= fade;
        at += g.data.length;
      }
      all.set(this.data, at);
    }
    // A blank tube is cleared, not drawn: the renderer's glow would keep
    // the last picture's batches when given no vectors.
    if (all.length) this.renderer.draw(all, Math.floor(all.length / 6));
    else this.renderer.clear();
    this.dirty = false;
  }

  pixels(region) {
    return this.renderer.pixels(region);
  }

  // --------------------------------------------------------------- keys
  buildKeys() {
    const box = $("#gdu-keys");
    this.keys = [];
    for (let n = 0; n < KEYS; n++) {
      const key = document.createElement("button");
      key.type = "button";
      key.className = "gdu-key";
      key.textContent = String(n);
      key.title = `programmed function key ${n}`;
      key.addEventListener("click", () => this.ctx.act({ cmd: "display_key", key: n }));
      box.appendChild(key);
      this.keys.push(key);
    }
  }

  // lamps: 32 bits, bit 31 = lamp 0 (the 2250's programmed function indicators).
  showLamps(lamps) {
    this.lamps = lamps;
    this.keys.forEach((key, n) => key.classList.toggle("on", ((lamps >>> (31 - n)) & 1) === 1));
  }

  // The alphanumeric keyboard: typing while the screen has the focus.
  // Escape is left to the page (IMM STOP).
  wireKeyboard() {
    const named = { Enter: "END", Backspace: "BACKSPACE", Delete: "CANCEL", Tab: "ADVANCE" };
    this.canvas.addEventListener("keydown", (e) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.key === "Escape") return;
      const key = named[e.key] || (e.key.length === 1 ? e.key : null);
      if (!key) return;
      e.preventDefault();
      e.stopPropagation(); // not the console's shortcuts
      this.ctx.act({ cmd: "display_alpha", key });
    });
  }

  // ---------------------------------------------------------- light pen
  // The pointer in raster units, or null off the screen's face.
  raster(e) {
    const rect = this.canvas.getBoundingClientRect();
    const px = ((e.clientX - rect.left) * this.canvas.width) / rect.width;
    const py = ((e.clientY - rect.top) * this.canvas.height) / rect.height;
    const vp = this.renderer.viewport;
    const x = ((px - vp.x) / vp.w) * RASTER;
    const y = (1 - (py - vp.y) / vp.h) * RASTER;
    if (x < 0 || y < 0 || x >= RASTER || y >= RASTER) return null;
    return { x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10 };
  }

  wirePen() {
    const c = this.canvas;
    const move = (e, pressed) => {
      const at = this.raster(e);
      this.pen = at ? { ...at, switch: pressed ?? this.pen.switch } : { x: null, y: null, switch: false };
      this.sendPen();
    };
    c.addEventListener("pointermove", (e) => move(e));
    c.addEventListener("pointerdown", (e) => {
      c.setPointerCapture?.(e.pointerId);
      move(e, true);
    });
    c.addEventListener("pointerup", (e) => {
      if (e.pointerType === "touch") {
        this.pen = { x: null, y: null, switch: false }; // a finger lifted: the pen leaves the tube
        this.sendPen();
      } else move(e, false);
    });
    c.addEventListener("pointercancel", () => move({ clientX: -1e6, clientY: -1e6 }, false));
    c.addEventListener("pointerleave", () => {
      this.pen = { x: null, y: null, switch: false };
      this.sendPen();
    });
  }

  // One light_pen message in flight at a time; the latest position wins.
  async sendPen() {
    if (this.penBusy) {
      this.penDirty = true;
      return;
    }
    this.penBusy = true;
    try {
      do {
        this.penDirty = false;
        await this.ctx.send({ cmd: "light_pen", ...this.pen });
      } while (this.penDirty);
    } finally {
      this.penBusy = false;
    }
  }
}
