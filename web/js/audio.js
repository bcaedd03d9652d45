// Game sounds with WebAudio, synthesised from the games' Tone specs
// (games/sound.py): no audio files. Browsers allow sound only after a user
// gesture, so the page calls unlock() from a click or key press.

export class Audio {
  constructor() {
    this.ctx = null;
    this.bank = {};
    this.loops = new Map();
    this.volume = 0.35;
    this.muted = false;
  }

  unlock() {
    if (!this.ctx) {
      const AC = self.AudioContext || self.webkitAudioContext;
      if (!AC) return;
      this.ctx = new AC();
      this.master = this.ctx.createGain();
      this.master.gain.value = this.volume;
      this.master.connect(this.ctx.destination);
    }
    if (this.ctx.state === "suspended") this.ctx.resume();
  }

  get ready() {
    return !!this.ctx && this.ctx.state === "running";
  }

  setBank(bank) {
    this.stopLoops();
    this.bank = bank || {};
  }

  setMuted(muted) {
    this.muted = muted;
    if (this.master) this.master.gain.value = muted ? 0 : this.volume;
  }

  noise() {
    if (!this.noiseBuffer) {
      const len = this.ctx.sampleRate;
      const buf = this.ctx.createBuffer(1, len, this.ctx.sampleRate);
      const d = buf.getChannelData(0);
      let seed = 1130;
      for (let i = 0; i < len; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        d[i] = (seed / 0x3fffffff) - 1;
      }
      this.noiseBuffer = buf;
    }
    return this.noiseBuffer;
  }

  source(tone, when) {
    if (tone.wave === "noise") {
      const src = this.ctx.createBufferSource();
      src.buffer = this.noise();
      src.loop = true;
      const filter = this.ctx.createBiquadFilter();
      filter.type = "bandpass";
      filter.frequency.setValueAtTime(tone.freq, when);
      if (tone.freq_end) filter.frequency.linearRampToValueAtTime(tone.freq_end, when + tone.ms / 1000);
      src.connect(filter);
      return { src, out: filter };
    }
    const src = this.ctx.createOscillator();
    src.type = tone.wave;
    src.frequency.setValueAtTime(tone.freq, when);
    if (tone.freq_end) src.frequency.linearRampToValueAtTime(tone.freq_end, when + tone.ms / 1000);
    return { src, out: src };
  }

  play(name) {
    if (!this.ready || this.muted) return;
    const tones = this.bank[name];
    if (!tones) return;
    let t = this.ctx.currentTime;
    for (const tone of tones) {
      const { src, out } = this.source(tone, t);
      const gain = this.ctx.createGain();
      const end = t + tone.ms / 1000;
      gain.gain.setValueAtTime(tone.volume, t);
      gain.gain.setValueAtTime(tone.volume, Math.max(t, end - 0.005));
      gain.gain.linearRampToValueAtTime(0, end);
      out.connect(gain).connect(this.master);
      src.start(t);
      src.stop(end + 0.01);
      t = end;
    }
  }

  // Continuous sounds (thrust, saucer): name -> level 0..1.
  setLoops(levels) {
    if (!this.ready) return;
    for (const [name, level] of Object.entries(levels)) {
      let loop = this.loops.get(name);
      if (!loop && level > 0 && this.bank[name]) {
        const tone = this.bank[name][0];
        const { src, out } = this.source(tone, this.ctx.currentTime);
        const gain = this.ctx.createGain();
        gain.gain.value = 0;
        out.connect(gain).connect(this.master);
        if (src.loop !== undefined) src.loop = true;
        src.start();
        loop = { src, gain, tone };
        this.loops.set(name, loop);
      }
      if (loop) loop.gain.gain.setTargetAtTime(level * loop.tone.volume, this.ctx.currentTime, 0.02);
    }
    for (const [name, loop] of this.loops) {
      if (!(name in levels)) loop.gain.gain.setTargetAtTime(0, this.ctx.currentTime, 0.02);
    }
  }

  stopLoops() {
    for (const loop of this.loops.values()) {
      try { loop.src.stop(); } catch (e) { /* already stopped */ }
    }
    this.loops.clear();
  }
}
