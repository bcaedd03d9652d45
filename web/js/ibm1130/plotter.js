// The 1627 plotter pane of the 1130 page: the paper as the program draws
// on it, and its Download SVG, Tear off and Take paper out buttons (without
// paper the 1627 reads not ready and ignores writes: a program waits).
//
// Snapshots bring what the plotter drew since the last one
// (machines/ibm1130/web/display.py: snapshot.plotter = {start, paths, pen,
// down, reset}); paths are in steps (0.01 inch), x across the 11-inch
// carriage, y along the paper, upward. The SVG comes from the worker
// (Plotter1627.svg), the same document `run --plotter-svg` writes.

import { $, download } from "./page.js";

const CARRIAGE = 1100; // steps across the paper
const WIDTH = 440; // canvas pixels across: 0.4 pixel a step
const MAX_HEIGHT = 880;
const MARGIN = 8; // pixels of the plotter's bed above and below the paper

export class PlotterPane {
  // ctx: {act, retro}
  constructor(ctx) {
    this.ctx = ctx;
    this.canvas = $("#plotter-paper");
    this.status = $("#plotter-status");
    this.paths = []; // flat [x0, y0, x1, y1, ...] per pen-down path
    this.pen = [CARRIAGE - 1, 0];
    this.down = false;
    this.paper = true;
    this.pending = false;
    ctx.retro.plotter1627 = this; // for scripts and tests: paths, pen, paper
    const svgBlob = (text) => new Blob([text], { type: "image/svg+xml" });
    $("#plotter-download").addEventListener("click", async () => {
      const r = await this.ctx.act({ cmd: "plotter_svg" });
      if (r.ok) download("plot-1627.svg", svgBlob(r.svg));
    });
    $("#plotter-tear").addEventListener("click", async () => {
      const r = await this.ctx.act({ cmd: "plotter_tear_off" });
      if (r.ok && this.paths.length) download("plot-1627.svg", svgBlob(r.svg));
    });
    this.paperButton = $("#plotter-paper-out");
    this.paperButton.addEventListener("click", async () => {
      const r = await this.ctx.act({ cmd: "plotter_paper", loaded: !this.paper });
      if (r.ok) this.setPaper(r.loaded);
    });
    this.draw();
  }

  setPaper(loaded) {
    if (loaded === this.paper) return;
    this.paper = loaded;
    this.paperButton.textContent = loaded ? "Take paper out" : "Put paper in";
    this.paperButton.setAttribute("aria-pressed", String(!loaded));
    this.draw();
  }

  onFrame(snap) {
    const d = snap.plotter;
    if (!d) return;
    if (d.reset) this.paths = [];
    const [index, point] = d.start;
    const fresh = d.paths.slice();
    // The first path continues path `index` from point `point` on.
    if (fresh.length && index < this.paths.length) {
      const path = this.paths[index];
      path.length = 2 * point;
      for (const v of fresh.shift()) path.push(v);
    }
    for (const p of fresh) this.paths.push(p.slice());
    this.pen = d.pen;
    this.down = d.down;
    if (d.paper !== undefined) this.setPaper(d.paper);
    if (!this.pending) {
      this.pending = true;
      requestAnimationFrame(() => {
        this.pending = false;
        this.draw();
      });
    }
  }

  // The paper's used part: at least a square of it, scaled to the pane,
  // with a margin of bed above and below so the pen shows at the edges.
  draw() {
    let low = Math.min(0, this.pen[1]);
    let high = this.pen[1];
    for (const p of this.paths) {
      for (let i = 1; i < p.length; i += 2) {
        if (p[i] < low) low = p[i];
        if (p[i] > high) high = p[i];
      }
    }
    const span = Math.max(CARRIAGE, high - low + 1);
    let scale = WIDTH / CARRIAGE;
    let height = Math.ceil(span * scale);
    if (height > MAX_HEIGHT) {
      height = MAX_HEIGHT;
      scale = MAX_HEIGHT / span;
    }
    const dpr = Math.min(2, window.devicePixelRatio || 1); // crisp lines on a dense screen
    const c = this.canvas;
    const bed = MARGIN;
    if (c.width !== Math.round(WIDTH * dpr) || c.height !== Math.round((height + 2 * bed) * dpr)) {
      c.width = Math.round(WIDTH * dpr);
      c.height = Math.round((height + 2 * bed) * dpr);
    }
    const g = c.getContext("2d");
    g.setTransform(dpr, 0, 0, dpr, 0, 0);
    g.fillStyle = "#3a3f46"; // the plotter's bed around the sheet
    g.fillRect(0, 0, WIDTH, height + 2 * bed);
    const left = (WIDTH - CARRIAGE * scale) / 2;
    if (this.paper) {
      g.fillStyle = "#fbfbf6";
      g.fillRect(left, bed, CARRIAGE * scale, height);
    } else {
      g.strokeStyle = "#8a8f96"; // where the sheet goes
      g.setLineDash([6, 4]);
      g.lineWidth = 1;
      g.strokeRect(left + 0.5, bed + 0.5, CARRIAGE * scale - 1, height - 1);
      g.setLineDash([]);
    }
    const top = low + span - 1; // the paper's top edge, in steps
    const X = (x) => left + (x + 0.5) * scale;
    const Y = (y) => bed + (top - y + 0.5) * scale;
    g.strokeStyle = "#000";
    g.fillStyle = "#111";
    g.lineWidth = Math.max(1.3, scale * 1.2);
    g.lineCap = "round";
    g.lineJoin = "round";
    g.beginPath();
    // Taken out, the sheet takes its drawing with it (it comes back with it).
    for (const p of this.paper ? this.paths : []) {
      if (p.length === 2) {
        g.fillRect(X(p[0]) - 1, Y(p[1]) - 1, 2, 2); // a dot
        continue;
      }
      g.moveTo(X(p[0]), Y(p[1]));
      for (let i = 2; i < p.length; i += 2) g.lineTo(X(p[i]), Y(p[i + 1]));
    }
    g.stroke();
    // The pen: a ring, filled when it is down on the paper.
    g.strokeStyle = "#c0392b";
    g.fillStyle = "#c0392b";
    g.lineWidth = 1.5;
    g.beginPath();
    g.arc(X(this.pen[0]), Y(this.pen[1]), 4, 0, 2 * Math.PI);
    if (this.down) g.fill();
    else g.stroke();
    const inches = (v) => (v / 100).toFixed(2);
    const pen = `pen ${this.down ? "down" : "up"} at ${inches(this.pen[0])} in across, ` +
      `${inches(this.pen[1])} in along`;
    const lines = `${this.paths.length} line${this.paths.length === 1 ? "" : "s"}`;
    this.status.textContent = this.paper ? `${pen}; ${lines}`
      : `No paper: the 1627 reads not ready and ignores writes; ${pen}. The sheet out holds ${lines}.`;
  }
}
