// 1130 sounds synthesised with WebAudio: the Selectric's type bar strike,
// the 1442's card feed. Browsers start audio only after a click (the
// Sound button), so nothing plays before.

export class Sound {
  constructor() {
    this.ctx = null;
    this.on = false;
    this.next = 0;
  }

  enable(on) {
    if (on && !this.ctx) {
      const AC = self.AudioContext || self.webkitAudioContext;
      if (!AC) return false;
      this.ctx = new AC();
      const len = Math.round(this.ctx.sampleRate * 0.03);
      this.click = this.ctx.createBuffer(1, len, this.ctx.sampleRate);
      const d = this.click.getChannelData(0);
      let seed = 1130;
      for (let i = 0; i < len; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        d[i] = ((seed / 0x3fffffff) - 1) * Math.exp(-i / (len / 6));
      }
    }
    if (this.ctx && this.ctx.state === "suspended") this.ctx.resume();
    this.on = on && !!this.ctx;
    return this.on;
  }

  strike(when, gain = 0.5, rate = 1) {
    const src = this.ctx.createBufferSource();
    src.buffer = this.click;
    src.playbackRate.value = rate;
    const g = this.ctx.createGain();
    g.gain.value = gain;
    src.connect(g).connect(this.ctx.destination);
    src.start(when);
  }

  // n characters typed: strikes spaced at the Selectric's 15.5 per second.
  typeBurst(n) {
    if (!this.on) return;
    const t = Math.max(this.ctx.currentTime, this.next);
    for (let i = 0; i < n; i++) this.strike(t + i / 15.5, 0.45, 0.9 + ((i * 7) % 5) / 20);
    this.next = t + n / 15.5;
  }

  cardFeed() {
    if (!this.on) return;
    const t = this.ctx.currentTime;
    for (let i = 0; i < 6; i++) this.strike(t + i * 0.012, 0.25, 0.5);
  }

  keypunch() {
    if (!this.on) return;
    this.strike(this.ctx.currentTime, 0.35, 0.7);
  }
}
