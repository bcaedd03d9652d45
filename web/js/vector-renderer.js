// Canvas 2D beam renderer for the vector display list (runs in the worker).
//
// A frame is a Float32Array of records x0, y0, x1, y1, intensity, colour
// (../shared/DESIGN.md "Vector display"). Drawing follows MAME's vector
// device (arcade.md 2.8): additive blending, beam width by intensity through
// a sigmoid, intensity as alpha, dots stretched to a beam-sized disc,
// optional flicker. On top of it, what a real monitor adds and MAME's
// HLSL/BGFX chains imitate:
//   - bloom, after MAME's bloom levels: the frame's vectors are also drawn,
//     wide, on a canvas a quarter of the screen's size (the first level),
//     which is shrunk to 1/8, 1/16 and 1/32 (each a smoothed average of the
//     last); the levels are added back, each enlarged into the next bigger
//     one, and the sum once, enlarged and smoothed, onto the screen. Every
//     line sits in a graded halo falling off over a dozen pixels or more,
//     round a bright, sharp core;
//   - phosphor persistence: the beam is drawn into its own canvas, which
//     decays (is darkened) each frame instead of being cleared, and the
//     bloom is then taken from that canvas, so trails glow too;
//   - a parked beam dwells: dots are drawn brighter than lines of the same
//     intensity (DOT_GAIN), so shots and sparks glow as on the cabinet.
// The game's window is letterboxed to the canvas, never stretched.

const RECORD = 6;
const BUCKETS = 8; // intensity levels batched into one path each
const DOT_GAIN = 1.5; // a dot's brightness against a line of the same intensity
// Bloom levels: downscale factor and the weight each level is added with
// into the next bigger one (the first: onto the screen). MAME's bloom level
// weights fall off 1.0, 0.64, 0.32, 0.16...; ours make up for the light a
// thin line loses when averaged down.
const BLOOM = [[4, 1.0], [8, 0.9], [16, 0.8], [32, 0.7]];
// The first level's lines from paths: their brightness against the core's
// (a line a quarter-pixel wide there is averaged light, as a shrunk one).
const GLOW_PATH_ALPHA = 0.45;

export const DEFAULT_OPTIONS = {
  beamWidthMin: 1.0, // pixels per 512 lines of the viewport (MAME: beam_width_min)
  beamWidthMax: 2.2, // (beam_width_max)
  beamIntensityWeight: 0, // (beam_intensity_weight)
  beamDotSize: 1.4, // (beam_dot_size)
  flicker: 0, // 0..1 (MAME: flicker / 100)
  glow: 0.55, // bloom strength, 0 = off (MAME: bloom_scale)
  persistence: 0, // 0 = instant, towards 1 = long phosphor (phosphor_life)
};

function sigmoid(x, weight) {
  // MAME's normalized tunable sigmoid: weight 0 is linear.
  const k = weight;
  return (x - x * k) / (k - Math.abs(x) * 2 * k + 1);
}

function makeCanvas(w, h) {
  const c = new OffscreenCanvas(Math.max(1, Math.round(w)), Math.max(1, Math.round(h)));
  const ctx = c.getContext("2d", { alpha: false });
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "low";
  return ctx;
}

export class VectorRenderer {
  constructor(ctx, options = {}) {
    this.ctx = ctx;
    this.options = { ...DEFAULT_OPTIONS, ...options };
    this.window = [0, 0, 1024, 1024];
    this.palette = [[255, 255, 255]];
    this.styles = [];
    this.random = mulberry32(1130);
    this.viewport = { x: 0, y: 0, w: ctx.canvas.width, h: ctx.canvas.height };
    this.buckets = Array.from({ length: BUCKETS }, () => []);
    this.beam = null; // the phosphor: where the beam draws and the glow decays
    this.levels = [];
    this.batches = []; // this frame's paths by (intensity, colour), for the glow
    this.allocate();
  }

  setOptions(options) {
    const was = this.options.persistence > 0;
    Object.assign(this.options, options);
    if (!was && this.options.persistence > 0) {
      // The phosphor starts from what the screen shows now.
      this.beam.globalCompositeOperation = "copy";
      this.beam.globalAlpha = 1;
      this.beam.drawImage(this.ctx.canvas, 0, 0);
    }
  }

  setWindow(win) {
    this.window = win;
    this.layout();
  }

  setPalette(palette) {
    this.palette = palette;
    this.styles = palette.map(([r, g, b]) => `rgb(${r},${g},${b})`);
  }

  resize(width, height) {
    this.ctx.canvas.width = width;
    this.ctx.canvas.height = height;
    this.allocate();
    this.layout();
    this.clear();
  }

  allocate() {
    const { width, height } = this.ctx.canvas;
    this.beam = makeCanvas(width, height);
    this.half = null;
    this.glowHalf = makeCanvas(width / 2, height / 2);
    this.levels = BLOOM.map(([f]) => makeCanvas(width / f, height / f));
  }

  // Fit the game's window into the canvas keeping its aspect.
  layout() {
    const [x0, y0, x1, y1] = this.window;
    const cw = this.ctx.canvas.width;
    const ch = this.ctx.canvas.height;
    const s = Math.min(cw / (x1 - x0), ch / (y1 - y0));
    const w = (x1 - x0) * s;
    const h = (y1 - y0) * s;
    this.viewport = { x: (cw - w) / 2, y: (ch - h) / 2, w, h, s };
  }

  clear() {
    for (const c of [this.ctx, this.beam, ...this.levels]) {
      c.globalCompositeOperation = "source-over";
      c.globalAlpha = 1;
      c.fillStyle = "#000";
      c.fillRect(0, 0, c.canvas.width, c.canvas.height);
    }
  }

  // Draw `count` records of `data` (a Float32Array view, read synchronously).
  draw(data, count) {
    const o = this.options;
    // With persistence the beam draws on its own canvas, which fades
    // instead of being cleared; without, straight on the screen.
    const persist = o.persistence > 0;
    const beam = persist ? this.beam : this.ctx;
    const { width: cw, height: ch } = this.ctx.canvas;
    beam.globalCompositeOperation = "source-over";
    beam.globalAlpha = 1;
    beam.fillStyle = persist ? `rgba(0,0,0,${Math.max(0.12, 1 - o.persistence)})` : "#000";
    beam.fillRect(0, 0, cw, ch);
    if (count) this.strokeBeam(beam, data, count);
    if (persist) {
      this.ctx.globalCompositeOperation = "copy";
      this.ctx.globalAlpha = 1;
      this.ctx.drawImage(this.beam.canvas, 0, 0);
    }
    this.bloom(persist ? beam.canvas : null);
  }

  strokeBeam(ctx, data, count) {
    const o = this.options;
    const { x: vx, y: vy, h: vh, s } = this.viewport;
    const [wx0, , , wy1] = this.window;
    // Nothing outside the game's window reaches the letterbox margins.
    ctx.save();
    ctx.beginPath();
    ctx.rect(vx, vy, this.viewport.w, vh);
    ctx.clip();

    const unit = vh / 512; // MAME widths are per 512 lines of the screen
    const buckets = this.buckets;
    for (const b of buckets) b.length = 0;
    let minI = 1;
    let maxI = 0;
    for (let i = 0, r = 0; i < count; i++, r += RECORD) {
      let intensity = data[r + 4];
      if (o.flicker > 0) intensity -= intensity * this.random() * o.flicker;
      if (intensity <= 0) continue;
      if (intensity < minI) minI = intensity;
      if (intensity > maxI) maxI = intensity;
      const k = Math.min(BUCKETS - 1, Math.floor(intensity * BUCKETS));
      buckets[k].push(r);
    }
    const sameIntensity = maxI - minI < 1e-6;

    ctx.globalCompositeOperation = "lighter";
    ctx.lineCap = "round";
    ctx.lineJoin = "round";
    const batches = this.batches;
    batches.length = 0;
    for (let k = 0; k < BUCKETS; k++) {
      const list = buckets[k];
      if (!list.length) continue;
      const intensity = (k + 0.5) / BUCKETS;
      const weight = sameIntensity ? 0 : sigmoid(intensity, o.beamIntensityWeight);
      const width = Math.max(1, (o.beamWidthMin + weight * (o.beamWidthMax - o.beamWidthMin)) * unit);
      // Group this bucket's records by colour so each (colour, level) is one path.
      const byColour = new Map();
      for (const r of list) {
        const c = data[r + 5] | 0;
        let arr = byColour.get(c);
        if (!arr) byColour.set(c, (arr = []));
        arr.push(r);
      }
      // Brightness follows intensity (MAME: alpha = intensity), with a
      // floor so the dimmest vectors still show.
      const alpha = Math.min(1, 0.1 + intensity * 0.9);
      for (const [colour, recs] of byColour) {
        const lines = new Path2D();
        const dots = new Path2D();
        let nDots = 0;
        let px = NaN;
        let py = NaN;
        const dotR = Math.max(1, width * o.beamDotSize * 0.75);
        for (const r of recs) {
          const x0 = vx + (data[r] - wx0) * s;
          const y0 = vy + (wy1 - data[r + 1]) * s;
          const x1 = vx + (data[r + 2] - wx0) * s;
          const y1 = vy + (wy1 - data[r + 3]) * s;
          if (x0 === x1 && y0 === y1) {
            dots.moveTo(x0 + dotR, y0);
            dots.arc(x0, y0, dotR, 0, 2 * Math.PI);
            nDots++;
          } else {
            // A vector that starts where the last ended continues the
            // stroke (a rock's outline is one polyline, joined, not capped).
            if (x0 !== px || y0 !== py) lines.moveTo(x0, y0);
            lines.lineTo(x1, y1);
            px = x1;
            py = y1;
          }
        }
        const style = this.styles[colour] || "rgb(255,255,255)";
        ctx.strokeStyle = style;
        ctx.fillStyle = style;
        ctx.globalAlpha = alpha;
        ctx.lineWidth = width;
        ctx.stroke(lines);
        if (nDots) {
          // A dwelling beam: brighter than a line of the same intensity.
          ctx.globalAlpha = Math.min(1, alpha * DOT_GAIN);
          ctx.fill(dots);
          if (alpha * DOT_GAIN > 1) ctx.fill(dots); // over-driven: the excess blooms
        }
        batches.push({ style, alpha, width, lines, dots: nDots ? dots : null });
      }
    }
    ctx.restore();
  }

  // The halo: `src` (the phosphor as it glows now) averaged down level by
  // level, the levels summed back up from the smallest, the sum added once
  // to the screen.
  bloom(src) {
    const o = this.options;
    if (!(o.glow > 0)) return;
    const ctx = this.ctx;
    const levels = this.levels;
    const first = levels[0];
    const f = BLOOM[0][0];
    if (src) {
      // From the phosphor canvas: halve twice (2x2 averages), so thin
      // lines are averaged in, not skipped.
      const half = this.half || (this.half = makeCanvas(ctx.canvas.width / 2, ctx.canvas.height / 2));
      if (half.canvas.width !== Math.max(1, Math.round(ctx.canvas.width / 2))) {
        this.half = null;
        return this.bloom(src);
      }
      half.globalCompositeOperation = "copy";
      half.drawImage(src, 0, 0, half.canvas.width, half.canvas.height);
      first.globalCompositeOperation = "copy";
      first.globalAlpha = 1;
      first.drawImage(half.canvas, 0, 0, first.canvas.width, first.canvas.height);
    } else {
      // From this frame's paths, drawn wide at a quarter of the size.
      first.globalCompositeOperation = "copy";
      first.globalAlpha = 1;
      first.fillStyle = "#000";
      first.fillRect(0, 0, first.canvas.width, first.canvas.height);
      first.globalCompositeOperation = "lighter";
      first.setTransform(1 / f, 0, 0, 1 / f, 0, 0);
      first.lineCap = "round";
      first.lineJoin = "round";
      for (const b of this.batches) {
        first.strokeStyle = b.style;
        first.fillStyle = b.style;
        first.globalAlpha = b.alpha * GLOW_PATH_ALPHA;
        first.lineWidth = Math.max(f, b.width * 2);
        first.stroke(b.lines);
        if (b.dots) {
          first.globalAlpha = Math.min(1, b.alpha * GLOW_PATH_ALPHA * DOT_GAIN);
          first.fill(b.dots);
        }
      }
      first.setTransform(1, 0, 0, 1, 0, 0);
    }
    src = first.canvas;
    for (let i = 1; i < levels.length; i++) {
      const lv = levels[i];
      lv.globalCompositeOperation = "copy";
      lv.globalAlpha = 1;
      lv.imageSmoothingQuality = "low";
      lv.drawImage(src, 0, 0, lv.canvas.width, lv.canvas.height);
      src = lv.canvas;
    }
    for (let i = levels.length - 1; i > 0; i--) {
      const lv = levels[i - 1];
      lv.globalCompositeOperation = "lighter";
      lv.globalAlpha = BLOOM[i][1];
      lv.imageSmoothingQuality = "low";
      lv.drawImage(levels[i].canvas, 0, 0, lv.canvas.width, lv.canvas.height);
    }
    const { x, y, w, h } = this.viewport;
    const { width: cw, height: ch } = ctx.canvas;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    // The halo is smoothed up to half the screen's size, then doubled
    // pixel for pixel: a soft halo shows no 2 x 2 steps, and the full-size
    // smoothed enlargement was the renderer's dearest step.
    const half = this.glowHalf;
    half.globalCompositeOperation = "copy";
    half.globalAlpha = 1;
    half.imageSmoothingEnabled = true;
    half.imageSmoothingQuality = "low";
    half.drawImage(first.canvas, 0, 0, half.canvas.width, half.canvas.height);
    ctx.globalCompositeOperation = "lighter";
    ctx.imageSmoothingEnabled = false;
    let gain = BLOOM[0][1] * o.glow / DEFAULT_OPTIONS.glow;
    while (gain > 0) {
      ctx.globalAlpha = Math.min(1, gain);
      ctx.drawImage(half.canvas, 0, 0, cw, ch);
      gain -= 1;
    }
    ctx.imageSmoothingEnabled = true;
    ctx.restore();
    ctx.globalAlpha = 1;
    ctx.globalCompositeOperation = "source-over";
  }

  // Lit-pixel statistics of a canvas region, for tests (getImageData); with
  // `raw`, also `values`: max(r, g, b) of every pixel, row by row.
  pixels(region) {
    const cw = this.ctx.canvas.width;
    const ch = this.ctx.canvas.height;
    const r = region || { x: 0, y: 0, w: cw, h: ch };
    const x = Math.max(0, Math.floor(r.x));
    const y = Math.max(0, Math.floor(r.y));
    const w = Math.min(cw - x, Math.ceil(r.w));
    const h = Math.min(ch - y, Math.ceil(r.h));
    if (w <= 0 || h <= 0) return { lit: 0, total: 0 };
    const img = this.ctx.getImageData(x, y, w, h).data;
    let lit = 0;
    let sx = 0;
    let sy = 0;
    let maxV = 0;
    const values = r.raw && w * h <= 65536 ? new Array(w * h) : null;
    for (let i = 0, p = 0; i < img.length; i += 4, p++) {
      const v = Math.max(img[i], img[i + 1], img[i + 2]);
      if (values) values[p] = v;
      if (v > maxV) maxV = v;
      if (v > 96) {
        lit++;
        sx += p % w;
        sy += Math.floor(p / w);
      }
    }
    return {
      lit, total: w * h, max: maxV,
      cx: lit ? x + sx / lit : null, cy: lit ? y + sy / lit : null,
      viewport: this.viewport, width: cw, height: ch,
      ...(values ? { values, x, y, w, h } : {}),
    };
  }

  // Benchmark: draw the frame `frames` times and report milliseconds per
  // frame, both as submitted and with the canvas made to finish its work
  // each frame (a one-pixel read forces the rasterisation).
  bench(data, count, frames) {
    const times = [];
    for (let i = 0; i < frames; i++) {
      const t0 = performance.now();
      this.draw(data, count);
      this.ctx.getImageData(0, 0, 1, 1);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const mean = times.reduce((a, b) => a + b, 0) / times.length;
    return {
      frames, segments: count, width: this.ctx.canvas.width, height: this.ctx.canvas.height,
      median_ms: times[times.length >> 1], mean_ms: mean, best_ms: times[0],
    };
  }
}

// Small seeded PRNG so flicker does not depend on Math.random.
function mulberry32(a) {
  return function () {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
