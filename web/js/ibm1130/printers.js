// The console printer's paper (red and black ribbon) and the 1132's
// green-bar printout. Output is always put in the page as text nodes,
// never as HTML.

const SELECTRIC_CPS = 15.5;

export class ConsolePaper {
  constructor(pre, box, sound) {
    this.pre = pre;
    this.box = box;
    this.sound = sound;
    this.text = "";
    this.paced = false; // real speed: characters appear at the Selectric's pace
    this.queue = []; // [text, ribbon] pieces not typed yet
    this.timer = 0;
  }

  setPaced(on) {
    this.paced = on;
    if (!on) this.flush();
  }

  get pending() {
    return this.queue.reduce((n, [t]) => n + t.length, 0);
  }

  // delta: {text, ribbon, reset}; ribbon has 'r' or 'b' per column, lines
  // separated by '\n' like the text.
  apply(delta) {
    if (delta.reset) {
      this.queue = [];
      this.pre.textContent = "";
      this.text = "";
    }
    if (!this.paced || delta.reset) {
      this.flush();
      this.type(delta);
      return;
    }
    // The emulated printer already runs at 15.5 characters a second; this
    // smooths the bursts a frame can bring (a WAIT jumps to the next
    // character at once).
    this.queue.push([delta.text, delta.ribbon || ""]);
    if (!this.timer) this.timer = setInterval(() => this.tick(), 1000 / SELECTRIC_CPS);
  }

  tick() {
    // One character a tick; a long backlog is typed faster rather than lag.
    let n = Math.max(1, Math.floor(this.pending / 60));
    while (n > 0 && this.queue.length) {
      const [t, r] = this.queue[0];
      const k = Math.min(n, t.length);
      this.type({ text: t.slice(0, k), ribbon: r.slice(0, k) });
      if (k === t.length) this.queue.shift();
      else this.queue[0] = [t.slice(k), r.slice(k)];
      n -= k;
    }
    if (!this.queue.length) {
      clearInterval(this.timer);
      this.timer = 0;
    }
  }

  flush() {
    const q = this.queue;
    this.queue = [];
    for (const [t, r] of q) this.type({ text: t, ribbon: r });
  }

  type(delta) {
    const stick = this.box.scrollTop + this.box.clientHeight >= this.box.scrollHeight - 30;
    const text = delta.text;
    const ribbon = delta.ribbon || "";
    let run = "";
    let red = null;
    const flush = () => {
      if (!run) return;
      const last = this.pre.lastChild;
      const cls = red ? "red" : "";
      if (last && last.nodeType === 1 && last.className === cls) last.textContent += run;
      else {
        const span = document.createElement("span");
        span.className = cls;
        span.textContent = run;
        this.pre.appendChild(span);
      }
      run = "";
    };
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      const isRed = ribbon[i] === "r";
      if (ch !== "\n" && isRed !== red) {
        flush();
        red = isRed;
      }
      run += ch;
    }
    flush();
    this.text += text;
    const printing = text.replace(/\s/g, "").length;
    if (printing && this.sound) this.sound.typeBurst(Math.min(printing, 3));
    if (stick) this.box.scrollTop = this.box.scrollHeight;
  }

  clear() {
    this.queue = [];
    this.pre.textContent = "";
    this.text = "";
  }
}

export class GreenBar {
  constructor(box, pagesLabel) {
    this.box = box;
    this.pagesLabel = pagesLabel;
    this.text = "";
  }

  apply(delta) {
    if (delta.reset) this.text = "";
    this.text += delta.text;
    this.render();
  }

  render() {
    const stick = this.box.scrollTop + this.box.clientHeight >= this.box.scrollHeight - 30;
    this.box.textContent = "";
    const pages = this.text.split("\f");
    for (const page of pages) {
      const div = document.createElement("div");
      div.className = "page";
      div.textContent = page;
      this.box.appendChild(div);
    }
    this.pagesLabel.textContent = this.text ? `${pages.length} page${pages.length === 1 ? "" : "s"}` : "no output yet";
    if (stick) this.box.scrollTop = this.box.scrollHeight;
  }

  clear() {
    this.text = "";
    this.render();
  }
}
