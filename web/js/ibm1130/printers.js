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

// The 1132's printout on green-bar paper, drawn as a virtual list: every
// line is kept as text, but the page holds elements only for the lines in
// view (a long printout drawn whole on each update ran at 5 fps). New
// lines are appended; the view follows the latest output unless the
// reader scrolled back. A form feed starts a page: its first line has the
// perforation above it.
const OVERSCAN = 8; // lines drawn above and below the view
const PERFORATION = "2px dashed #999";
// Green and white bars three lines deep, drawn on the sheet so they scroll with the lines.
const bars = (lh) => `repeating-linear-gradient(#dff0dc 0 ${3 * lh}px, #fbfbf6 ${3 * lh}px ${6 * lh}px)`;

export class GreenBar {
  constructor(box, pagesLabel) {
    this.box = box;
    this.pagesLabel = pagesLabel;
    this.lines = [""]; // the printout; the last line is the one still being printed
    this.pageStarts = new Set(); // lines after a form feed
    this.follow = true; // the view is at the latest output
    this.queued = false;
    this.sheet = document.createElement("div"); // as tall as the printout: it scrolls
    // The sheet reaches under the box's side margins, so the bars run across the paper.
    const style = getComputedStyle(box);
    this.sheet.style.cssText = `position: relative; margin: 0 -${style.paddingRight} 0 -${style.paddingLeft};`;
    this.rows = document.createElement("div"); // the lines in view
    this.rows.style.cssText = `position: absolute; left: ${style.paddingLeft}; right: ${style.paddingRight}; top: 0;`;
    this.sheet.appendChild(this.rows);
    box.style.background = "#fbfbf6"; // the bars are on the sheet, and scroll with the lines
    box.textContent = "";
    box.appendChild(this.sheet);
    box.addEventListener("scroll", () => {
      this.follow = box.scrollTop + box.clientHeight >= box.scrollHeight - this.lineHeight();
      this.schedule();
    });
    // A hidden pane has no height: draw when it is shown (at the latest output).
    if (self.ResizeObserver) new ResizeObserver(() => this.schedule()).observe(box);
    this.render();
  }

  lineHeight() {
    return parseFloat(getComputedStyle(this.box).lineHeight) || 20;
  }

  // delta: {text, reset} (machines/ibm1130/web/output.py).
  apply(delta) {
    if (delta.reset) this.reset();
    for (const piece of delta.text.split(/([\n\f])/)) {
      if (piece === "\n") this.lines.push("");
      else if (piece === "\f") {
        // The form feed follows a line's newline: that empty line starts the page.
        if (this.lines[this.lines.length - 1] !== "") this.lines.push("");
        this.pageStarts.add(this.lines.length - 1);
      } else if (piece) this.lines[this.lines.length - 1] += piece;
    }
    this.schedule();
  }

  reset() {
    this.lines = [""];
    this.pageStarts = new Set();
    this.follow = true;
  }

  // Draw at most once a display frame, however many updates came.
  schedule() {
    if (this.queued) return;
    this.queued = true;
    requestAnimationFrame(() => this.render());
  }

  render() {
    this.queued = false;
    const box = this.box;
    const lh = this.lineHeight();
    const n = this.lines.length;
    const empty = n === 1 && !this.lines[0];
    this.sheet.style.height = `${n * lh}px`;
    this.sheet.style.background = bars(lh);
    if (this.follow) box.scrollTop = box.scrollHeight;
    const first = Math.max(0, Math.floor(box.scrollTop / lh) - OVERSCAN);
    const last = Math.min(n, Math.ceil((box.scrollTop + box.clientHeight) / lh) + OVERSCAN);
    this.rows.style.top = `${first * lh}px`;
    const rows = this.rows;
    while (rows.childElementCount > last - first) rows.lastElementChild.remove();
    while (rows.childElementCount < last - first) {
      const row = document.createElement("div");
      row.style.cssText = `height: ${lh}px; box-sizing: border-box; overflow: hidden;`;
      rows.appendChild(row);
    }
    let row = rows.firstElementChild;
    for (let i = first; i < last; i++, row = row.nextElementSibling) {
      if (row.dataset.line !== String(i) || row.textContent !== this.lines[i]) {
        row.dataset.line = String(i);
        row.textContent = this.lines[i];
      }
      row.style.borderTop = this.pageStarts.has(i) ? PERFORATION : "";
    }
    const pages = this.pageStarts.size + 1;
    this.pagesLabel.textContent = empty ? "no output yet" : `${pages} page${pages === 1 ? "" : "s"}`;
  }

  clear() {
    this.reset();
    this.render();
  }
}
