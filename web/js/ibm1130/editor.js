// The assembler editor: a plain textarea with line numbers, a guide for
// the form the line at the caret is written in (IBM's coding form: label
// 21-25, operation 27-30, format 32, tag 33, operand 35-71, identification
// 73-80; the free form: label, operation, modifiers, operand separated by
// blanks; asm1130's tab form), and the lines with errors marked from the
// assembler's (line, column) diagnostics. The assembler's rules stay in
// Python (machines/ibm1130/asm/freeform.py); this only shows what it
// reports and which guide fits the line being typed.
//
// Typing stays fast with 10,000 lines: the gutter holds only the numbers
// of the lines in view, redrawn when the view, the number of lines or the
// errors change, and only the lines with errors get a mark
// (tests/browser/bench_editor.py measures it).

const FIELDS = [[21, 25, "LABEL"], [27, 30, "OP"], [32, 32, "F"], [33, 33, "T"], [35, 71, "OPERAND"], [73, 80, "IDENT"]];
const CARD_STOPS = [21, 27, 32, 35, 73];
const FREE_STOP = 6; // free form: Tab pads with blanks to the next multiple of 6, plus 1
const LINE_PX = 20; // the editor's line height (css/ibm1130.css)

const GUIDES = {
  card: "",
  free: "free form: LABEL  OPERATION  [modifiers L I X E 1 2 3]  OPERAND  remarks, separated by blanks",
  tab: "tab form: LABEL ⇥ OPERATION ⇥ MODIFIERS ⇥ OPERAND (positional, as asm1130)",
};

// The form of one line as the assembler reads it: a tab makes it tab form,
// text in columns 1-20 free form (unless it is a comment or a job card),
// else IBM's card columns. null for a blank line.
export function lineForm(text) {
  if (!text.trim()) return null;
  if (text.includes("\t")) return "tab";
  if (text[0] === "*" || text.startsWith("//") || !text.slice(0, 20).trim()) return "card";
  return "free";
}

// The form of a whole text: that of its first statement (comments and job
// cards read the same in every form).
function textForm(text) {
  const lines = text.split("\n", 200);
  for (const line of lines) {
    if (line[0] === "*" || line.startsWith("//")) continue;
    const form = lineForm(line);
    if (form) return form;
  }
  return null;
}

function countLines(text) {
  let n = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

export class Editor {
  constructor({ textarea, gutter, marks, ruler, errorsList }) {
    this.ta = textarea;
    this.gutter = gutter;
    this.marks = marks;
    this.ruler = ruler;
    this.errorsList = errorsList;
    this.errors = [];
    this.onChange = null;
    this.lineCount = -1; // the line count the gutter and marks were drawn for
    this.errLines = new Map(); // line -> its first error
    this.shown = null; // [first line - 1, last line] the gutter holds
    this.form = "card"; // the guide the ruler shows
    this.leaving = false; // Esc was pressed: the next Tab leaves the editor
    this.ta.title = "Tab moves to the next field; Esc then Tab (or Shift+Tab) leaves the editor";
    this.buildRuler();
    this.ta.addEventListener("input", () => {
      this.refresh();
      this.followCaret();
      if (this.onChange) this.onChange(this.ta.value);
    });
    this.ta.addEventListener("scroll", () => this.syncScroll());
    this.ta.addEventListener("keyup", (e) => {
      if (e.key.startsWith("Arrow") || e.key === "Home" || e.key === "End" || e.key.startsWith("Page")) this.followCaret();
    });
    this.ta.addEventListener("click", () => this.followCaret());
    this.ta.addEventListener("keydown", (e) => this.keydown(e));
    this.refresh();
  }

  // Tab moves to the next field of the line's form (blanks, so the line
  // stays in its form); a line already in tab form gets a tab. After Esc,
  // and with Shift, Tab leaves the editor as anywhere else on the page.
  keydown(e) {
    if (e.key === "Escape") {
      this.leaving = true;
      return;
    }
    const leaving = this.leaving;
    this.leaving = false;
    if (e.key !== "Tab" || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey || leaving) return;
    e.preventDefault();
    const { selectionStart: a, value } = this.ta;
    const lineStart = value.lastIndexOf("\n", a - 1) + 1;
    const before = value.slice(lineStart, a);
    const column = before.length + 1; // 1-based column of the caret
    let insert;
    const form = lineForm(before) || (column < 21 && this.form === "free" ? "free" : "card");
    if (form === "tab") insert = "\t";
    else if (form === "free") insert = " ".repeat(FREE_STOP - ((column - 1) % FREE_STOP));
    else {
      const stop = CARD_STOPS.find((c) => c > column);
      insert = stop ? " ".repeat(stop - column) : " ";
    }
    this.insert(insert);
  }

  // Insert text at the caret as typing does (the browser's undo keeps it).
  insert(text) {
    if (!document.execCommand || !document.execCommand("insertText", false, text)) {
      const { selectionStart: a, selectionEnd: b, value } = this.ta;
      this.ta.value = value.slice(0, a) + text + value.slice(b);
      this.ta.selectionStart = this.ta.selectionEnd = a + text.length;
      this.ta.dispatchEvent(new Event("input"));
    }
  }

  // The guide follows the line at the caret (on a blank line, the program's).
  followCaret() {
    const { selectionStart: a, value } = this.ta;
    const start = value.lastIndexOf("\n", a - 1) + 1;
    let end = value.indexOf("\n", a);
    if (end < 0) end = value.length;
    this.showForm(lineForm(value.slice(start, end)) || textForm(value));
  }

  buildRuler() {
    this.ruler.textContent = "";
    this.ruler.dataset.form = this.form;
    if (this.form !== "card") {
      const span = document.createElement("span");
      span.className = "field";
      span.textContent = GUIDES[this.form];
      this.ruler.appendChild(span);
      this.ruler.appendChild(document.createTextNode("\n" + "(the listing and the Card columns button show it in IBM card columns)"));
      this.ruler.title = GUIDES[this.form];
      return;
    }
    let line = "";
    for (let c = 1; c <= 80; c++) line += c % 10 === 0 ? String((c / 10) % 10) : c % 5 === 0 ? "+" : "·";
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
    this.ruler.title = "IBM 1130 assembler coding form: label 21-25, operation 27-30, format 32, tag 33, operand 35-71, identification 73-80 (or free form: label, operation, modifiers, operand separated by blanks)";
  }

  get value() {
    return this.ta.value;
  }

  // Set the text with no undo (the page's start).
  set value(text) {
    this.ta.value = text;
    this.setErrors([]);
    this.showForm(textForm(text));
  }

  showForm(form) {
    if (form && form !== this.form) {
      this.form = form;
      this.buildRuler();
    }
  }

  // Replace the whole text as one edit the browser's undo (Ctrl+Z) takes back.
  replace(text) {
    const had = document.activeElement;
    // The edit needs the focus, which a textarea in a hidden tab cannot
    // take: its pane is shown for the moment of the edit (no frame is drawn).
    const hidden = this.ta.closest("[hidden]");
    if (hidden) hidden.hidden = false;
    this.ta.focus({ preventScroll: true });
    this.ta.select();
    const undoable = document.activeElement === this.ta && document.execCommand &&
      (text ? document.execCommand("insertText", false, text) : document.execCommand("delete"));
    if (hidden) hidden.hidden = true;
    if (!undoable) this.ta.value = text;
    this.ta.setSelectionRange(0, 0);
    this.ta.scrollTop = 0;
    if (had && had !== this.ta && had !== document.body) had.focus({ preventScroll: true });
    this.setErrors([]);
    this.showForm(textForm(text));
    if (!undoable && this.onChange) this.onChange(this.ta.value);
  }

  syncScroll() {
    this.drawGutter();
    this.gutter.scrollTop = this.ta.scrollTop;
    this.marks.scrollTop = this.ta.scrollTop;
    this.marks.scrollLeft = this.ta.scrollLeft;
  }

  // The line numbers and the error marks, redrawn only when the number of
  // lines, the errors or the lines in view change. The gutter holds the
  // numbers of the lines around the view only (a spacer stands for the
  // rest), so a new line costs the same with 10 lines or 10,000.
  refresh(force = false) {
    const count = countLines(this.ta.value);
    if (count === this.lineCount && !force) return this.syncScroll();
    this.lineCount = count;
    this.errLines = new Map();
    for (const e of this.errors) if (!this.errLines.has(e.line) && e.line <= count) this.errLines.set(e.line, e);
    const mfrag = document.createDocumentFragment();
    let from = 1;
    for (const n of [...this.errLines.keys()].sort((x, y) => x - y)) {
      const err = this.errLines.get(n);
      const gap = document.createElement("div");
      gap.style.height = `${(n - from) * LINE_PX}px`;
      mfrag.appendChild(gap);
      const m = document.createElement("div");
      m.className = "line err";
      m.dataset.line = String(n);
      m.title = err.text;
      m.textContent = " ";
      mfrag.appendChild(m);
      from = n + 1;
    }
    const rest = document.createElement("div");
    rest.style.height = `${(count - from + 2) * LINE_PX}px`;
    mfrag.appendChild(rest);
    this.marks.replaceChildren(mfrag);
    this.shown = null;
    this.syncScroll();
  }

  // The gutter's numbers for the lines in view and a screen either side.
  drawGutter() {
    const view = Math.ceil(this.ta.clientHeight / LINE_PX) || 30;
    const top = Math.floor(this.ta.scrollTop / LINE_PX);
    if (this.shown && top >= this.shown[0] && top + view <= this.shown[1]) return;
    const first = Math.max(1, top - view);
    const last = Math.min(this.lineCount, top + 3 * view);
    this.shown = [first - 1, last];
    const frag = document.createDocumentFragment();
    const spacer = (lines) => {
      const d = document.createElement("div");
      d.style.height = `${lines * LINE_PX}px`;
      return d;
    };
    frag.appendChild(spacer(first - 1));
    let plain = "";
    for (let n = first; n <= last; n++) {
      const err = this.errLines.get(n);
      if (!err) {
        plain += n + "\n";
        continue;
      }
      frag.appendChild(document.createTextNode(plain));
      plain = "";
      const g = document.createElement("span");
      g.className = "err";
      g.title = err.text;
      g.textContent = `✖ ${n}`;
      frag.appendChild(g);
      frag.appendChild(document.createTextNode("\n"));
    }
    frag.appendChild(document.createTextNode(plain + "\n")); // room for the horizontal scrollbar
    frag.appendChild(spacer(this.lineCount - last));
    this.gutter.replaceChildren(frag);
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
    this.refresh(true);
  }

  // Put the caret on LINE:COLUMN (1-based) and scroll it into view.
  goTo(line, column) {
    const value = this.ta.value;
    let pos = 0;
    for (let i = 1; i < line; i++) {
      const nl = value.indexOf("\n", pos);
      if (nl < 0) break;
      pos = nl + 1;
    }
    let end = value.indexOf("\n", pos);
    if (end < 0) end = value.length;
    pos += Math.max(0, Math.min((column || 1) - 1, end - pos));
    this.ta.focus();
    this.ta.setSelectionRange(pos, pos);
    this.ta.scrollTop = Math.max(0, (line - 5) * LINE_PX);
    this.syncScroll();
    this.followCaret();
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
