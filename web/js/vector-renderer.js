// Canvas 2D beam renderer for the vector display list (runs in the worker).
//
// A frame is a Float32Array of records x0, y0, x1, y1, intensity, colour
// (../shared/DESIGN.md "Vector display"). Drawing follows MAME's vector
// device (arcade.md 2.8): additive blending, beam width by intensity through
// a sigmoid, intensity as alpha, dots stretched to a beam-sized disc,
// optional flicker; plus a glow halo and phosphor persistence as its HLSL
// and BGFX post-processing offer. The game's window is letterboxed to the
// canvas, never stretched.

const RECORD = 6;
const BUCKETS = 8; // intensity levels batched into one path each

export const DEFAULT_OPTIONS = {
  beamWidthMin: 1.2, // pixels per 512 lines of the viewport (MAME: beam_width_min)
  beamWidthMax: 2.6, // (beam_width_max)
  beamIntensityWeight: 0, // (beam_intensity_weight)
  beamDotSize: 1.4, // (beam_dot_size)
  flicker: 0, // 0..1 (MAME: flicker / 100)
  glow: 0.55, // halo strength, 0 = off
  persistence: 0, // 0 = instant, towards 1 = long phosphor (phosphor_life)
};

function sigmoid(x, weight) {
  // MAME's normalized tunable sigmoid: weight 0 is linear.
  const k = weight;
  return (x - x * k) / (k - Math.abs(x) * 2 * k + 1);
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
  }

  setOptions(options) {
    Object.assign(this.options, options);
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
    this.layout();
    this.clear();
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
    const ctx = this.ctx;
    ctx.globalCompositeOperation = "source-over";
    ctx.globalAlpha = 1;
    ctx.fillStyle = "#000";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  }

  // Draw `count` records of `data` (a Float32Array view, read synchronously).
  draw(data, count) {
    const ctx = this.ctx;
    const o = this.options;
    const { x: vx, y: vy, h: vh, s } = this.viewport;
    const [wx0, , , wy1] = this.window;
    // Phosphor: fade what is there instead of clearing it.
    ctx.globalCompositeOperation = "source-over";
    ctx.globalAlpha = 1;
    ctx.fillStyle = o.persistence > 0 ? `rgba(0,0,0,${Math.max(0.12, 1 - o.persistence)})` : "#000";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    if (!count) return;
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
      for (const [colour, recs] of byColour) {
        const lines = new Path2D();
        const dots = new Path2D();
        let nDots = 0;
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
            lines.moveTo(x0, y0);
            lines.lineTo(x1, y1);
          }
        }
        const style = this.styles[colour] || "rgb(255,255,255)";
        ctx.strokeStyle = style;
        ctx.fillStyle = style;
        if (o.glow > 0) {
          ctx.globalAlpha = Math.min(1, intensity * 0.22 * o.glow);
          ctx.lineWidth = width * 4.5;
          ctx.stroke(lines);
          if (nDots) {
            ctx.lineWidth = dotR * 3;
            ctx.stroke(dots);
          }
        }
        ctx.globalAlpha = Math.min(1, 0.35 + intensity * 0.75);
        ctx.lineWidth = width;
        ctx.stroke(lines);
        if (nDots) ctx.fill(dots);
      }
    }
    ctx.restore();
    ctx.globalAlpha = 1;
    ctx.globalCompositeOperation = "source-over";
  }

  // Lit-pixel statistics of a canvas region, for tests (getImageData).
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
    for (let i = 0, p = 0; i < img.length; i += 4, p++) {
      const v = Math.max(img[i], img[i + 1], img[i + 2]);
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
