// The console printer's paper (red and black ribbon) and the 1132's
// green-bar printout. Output is always put in the page as text nodes,
// never as HTML.

export class ConsolePaper {
  constructor(pre, box, sound) {
    this.pre = pre;
    this.box = box;
    this.sound = sound;
    this.text = "";
  }

  // delta: {text, ribbon, reset}; ribbon has 'r' or 'b' per column, lines
  // separated by '\n' like the text.
  apply(delta) {
    if (delta.reset) {
      this.pre.textContent = "";
      this.text = "";
    }
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
    if (printing && this.sound) this.sound.typeBurst(Math.min(printing, 8));
    if (stick) this.box.scrollTop = this.box.scrollHeight;
  }

  clear() {
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
