// The assembler editor: a plain textarea with line numbers, the IBM coding
// form's column guide (label 21-25, operation 27-30, format 32, tag 33,
// operand 35-71, identification 73-80), and the lines with errors marked
// from the assembler's (line, column) diagnostics. The assembler's rules
// stay in Python; this only shows what it reports.

const FIELDS = [[21, 25, "LABEL"], [27, 30, "OP"], [32, 32, "F"], [33, 33, "T"], [35, 71, "OPERAND"], [73, 80, "IDENT"]];

export class Editor {
  constructor({ textarea, gutter, marks, ruler, errorsList }) {
    this.ta = textarea;
    this.gutter = gutter;
    this.marks = marks;
    this.ruler = ruler;
    this.errorsList = errorsList;
    this.errors = [];
    this.onChange = null;
    this.buildRuler();
    this.ta.addEventListener("input", () => {
      this.refresh();
      if (this.onChange) this.onChange(this.ta.value);
    });
    this.ta.addEventListener("scroll", () => this.syncScroll());
    this.ta.addEventListener("keydown", (e) => {
      if (e.key === "Tab" && !e.ctrlKey && !e.altKey && !e.metaKey) {
        // A tab character: the tab form of the source (label, op, mods, operand).
        e.preventDefault();
        const { selectionStart: a, selectionEnd: b, value } = this.ta;
        this.ta.value = value.slice(0, a) + "\t" + value.slice(b);
        this.ta.selectionStart = this.ta.selectionEnd = a + 1;
        this.ta.dispatchEvent(new Event("input"));
      }
    });
    this.refresh();
  }

  buildRuler() {
    const top = [];
    let line = "";
    for (let c = 1; c <= 80; c++) line += c % 10 === 0 ? String((c / 10) % 10) : c % 5 === 0 ? "+" : "·";
    top.push(line);
    this.ruler.textContent = "";
    this.ruler.appendChild(document.createTextNode(line + "\n"));
    let fields = "";
    for (const [start, end, name] of FIELDS) {
      fields = fields.padEnd(start - 1, " ");
      const width = end - start + 1;
      fields += (name.length <= width ? name : name[0]).padEnd(width, "-").slice(0, width);
    }
    const span = document.createElement("span");
    span.className = "field";
    span.textContent = fields;
    this.ruler.appendChild(span);
    this.ruler.title = "IBM 1130 assembler coding form: label 21-25, operation 27-30, format 32, tag 33, operand 35-71, identification 73-80 (or tab form: label TAB op TAB mods TAB operand)";
  }

  get value() {
    return this.ta.value;
  }

  set value(text) {
    this.ta.value = text;
    this.setErrors([]);
  }

  syncScroll() {
    this.gutter.scrollTop = this.ta.scrollTop;
    this.marks.scrollTop = this.ta.scrollTop;
    this.marks.scrollLeft = this.ta.scrollLeft;
  }

  refresh() {
    const lines = this.ta.value.split("\n");
    const errLines = new Map();
    for (const e of this.errors) if (!errLines.has(e.line)) errLines.set(e.line, e);
    this.gutter.textContent = "";
    this.marks.textContent = "";
    const gfrag = document.createDocumentFragment();
    const mfrag = document.createDocumentFragment();
    lines.forEach((text, i) => {
      const n = i + 1;
      const err = errLines.get(n);
      const g = document.createElement("div");
      g.textContent = err ? `✖ ${n}` : String(n);
      if (err) {
        g.className = "err";
        g.title = err.text;
      }
      gfrag.appendChild(g);
      const m = document.createElement("div");
      m.className = err ? "line err" : "line";
      if (err) {
        m.dataset.line = String(n);
        m.title = err.text;
      }
      m.textContent = " ";
      mfrag.appendChild(m);
    });
    // Room for the textarea's horizontal scrollbar.
    gfrag.appendChild(document.createElement("div"));
    this.gutter.appendChild(gfrag);
    this.marks.appendChild(mfrag);
    this.syncScroll();
  }

  setErrors(errors, warnings = []) {
    this.errors = errors || [];
    this.errorsList.textContent = "";
    for (const [list, cls] of [[this.errors, "error"], [warnings || [], "warning"]]) {
      for (const e of list) {
        const li = document.createElement("li");
        li.className = cls;
        li.textContent = `line ${e.line}, column ${e.column}: ${e.message}`;
        li.dataset.line = String(e.line);
        li.addEventListener("click", () => this.goTo(e.line, e.column));
        this.errorsList.appendChild(li);
      }
    }
    this.refresh();
  }

  // Put the caret on LINE:COLUMN (1-based) and scroll it into view.
  goTo(line, column) {
    const lines = this.ta.value.split("\n");
    let pos = 0;
    for (let i = 0; i < Math.min(line - 1, lines.length); i++) pos += lines[i].length + 1;
    pos += Math.max(0, Math.min((column || 1) - 1, (lines[line - 1] || "").length));
    this.ta.focus();
    this.ta.setSelectionRange(pos, pos);
    this.ta.scrollTop = Math.max(0, (line - 5) * 20);
    this.syncScroll();
  }
}

// The listing as text, with the lines the assembler flagged (E in column 1,
// and its ***** messages) marked.
export function showListing(pre, listing) {
  pre.textContent = "";
  const frag = document.createDocumentFragment();
  let plain = "";
  const flush = () => {
    if (plain) frag.appendChild(document.createTextNode(plain));
    plain = "";
  };
  for (const line of listing.split("\n")) {
    if ((line.startsWith("E ") && !line.startsWith("E LOC")) || line.startsWith("*****")) {
      flush();
      const span = document.createElement("span");
      span.className = "err";
      span.textContent = line + "\n";
      frag.appendChild(span);
    } else {
      plain += line + "\n";
    }
  }
  flush();
  pre.appendChild(frag);
}
