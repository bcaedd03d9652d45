// The 1130 page's assembler editor (../code-editor.js: CodeMirror, only
// the lines in view in the page), with line numbers, a guide for the form
// the line at the caret is written in (IBM's coding form: label 21-25,
// operation 27-30, format 32, tag 33, operand 35-71, identification 73-80;
// the free form: label, operation, modifiers, operand separated by blanks;
// asm1130's tab form), and the lines with errors marked from the
// assembler's (line, column) diagnostics. The assembler's rules stay in
// Python (machines/ibm1130/asm/freeform.py); this only shows what it
// reports and which guide fits the line being typed.

import {
  Decoration, EditorView, GutterMarker, RangeSet, StateEffect, StateField, lineNumberMarkers, lineNumbers,
} from "../lib/codemirror.js";
import { codeEditor, replaceText, showAt } from "../code-editor.js";

const FIELDS = [[21, 25, "LABEL"], [27, 30, "OP"], [32, 32, "F"], [33, 33, "T"], [35, 71, "OPERAND"], [73, 80, "IDENT"]];
const CARD_STOPS = [21, 27, 32, 35, 73];
const FREE_STOP = 6; // free form: Tab pads with blanks to the next multiple of 6, plus 1

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

// The form of a document: that of its first statement within 200 lines
// (comments and job cards read the same in every form).
function docForm(doc) {
  for (let n = 1; n <= Math.min(doc.lines, 200); n++) {
    const line = doc.line(n).text;
    if (line[0] === "*" || line.startsWith("//")) continue;
    const form = lineForm(line);
    if (form) return form;
  }
  return null;
}

// The assembler's errors, by line number as it reported them (they stay
// on those numbers until the next assembly, as the listing does).
const setErrorsEffect = StateEffect.define();
const errorsField = StateField.define({
  create: () => new Map(),
  update(lines, tr) {
    for (const e of tr.effects) if (e.is(setErrorsEffect)) lines = e.value;
    return lines;
  },
});

class ErrorNumber extends GutterMarker {
  constructor(line, text) {
    super();
    this.line = line;
    this.text = text;
  }

  eq(other) {
    return other.line === this.line && other.text === this.text;
  }

  toDOM() {
    const g = document.createElement("span");
    g.className = "err";
    g.title = this.text;
    g.textContent = `✖ ${this.line}`;
    return g;
  }
}

// The marks of the lines with errors: a numbered ✖ in the gutter, a tint on the line.
function errorMarks(state, marker) {
  const doc = state.doc;
  const ranges = [];
  for (const [n, err] of state.field(errorsField)) {
    if (n > doc.lines) continue;
    const from = doc.line(n).from;
    ranges.push(marker
      ? new ErrorNumber(n, err.text).range(from)
      : Decoration.line({ class: "line err", attributes: { "data-line": String(n), title: err.text } }).range(from));
  }
  return marker ? RangeSet.of(ranges, true) : Decoration.set(ranges, true);
}

export class Editor {
  // textarea: the page's <textarea id="source">, the editor is put before
  // it; ruler: the guide above; errorsList: the <ul> of the assembler's messages.
  constructor({ textarea, ruler, errorsList }) {
    this.ta = textarea;
    this.ruler = ruler;
    this.errorsList = errorsList;
    this.onChange = null;
    this.form = "card"; // the guide the ruler shows
    this.leaving = false; // Esc was pressed: the next Tab leaves the editor
    const editor = codeEditor({
      textarea,
      keydown: (e) => this.keydown(e),
      onChange: () => this.onChange && this.onChange(this.value),
      extensions: [
        errorsField,
        lineNumbers(),
        lineNumberMarkers.compute(["doc", errorsField], (state) => errorMarks(state, true)),
        EditorView.decorations.compute(["doc", errorsField], (state) => errorMarks(state, false)),
        EditorView.contentAttributes.of({
          id: "marks", // the lines, with their error marks
          title: "Tab moves to the next field; Esc then Tab (or Shift+Tab) leaves the editor",
        }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged || u.selectionSet) this.followCaret();
        }),
        // Esc then Tab is one visit's (CodeMirror's own Esc-Tab may leave
        // before this sees the Tab, see ../code-editor.js).
        EditorView.domEventHandlers({ focus: () => { this.leaving = false; } }),
      ],
    });
    this.view = editor.view;
    this.reset = editor.reset;
    this.nameGutter();
    this.buildRuler();
  }

  nameGutter() {
    this.view.dom.querySelector(".cm-gutters").id = "gutter";
  }

  // Tab moves to the next field of the line's form (blanks, so the line
  // stays in its form); a line already in tab form gets a tab. After Esc,
  // and with Shift, Tab leaves the editor as anywhere else on the page.
  // True when the key was taken.
  keydown(e) {
    if (e.key === "Escape") {
      this.leaving = true;
      return false;
    }
    const leaving = this.leaving;
    this.leaving = false;
    if (e.key !== "Tab" || e.ctrlKey || e.altKey || e.metaKey || e.shiftKey || leaving) return false;
    e.preventDefault();
    const state = this.view.state;
    const a = state.selection.main.head;
    const line = state.doc.lineAt(a);
    const before = line.text.slice(0, a - line.from);
    const column = before.length + 1; // 1-based column of the caret
    let insert;
    const form = lineForm(before) || (column < 21 && this.form === "free" ? "free" : "card");
    if (form === "tab") insert = "\t";
    else if (form === "free") insert = " ".repeat(FREE_STOP - ((column - 1) % FREE_STOP));
    else {
      const stop = CARD_STOPS.find((c) => c > column);
      insert = stop ? " ".repeat(stop - column) : " ";
    }
    this.view.dispatch(state.replaceSelection(insert), { scrollIntoView: true, userEvent: "input.type" });
    return true;
  }

  // The guide follows the line at the caret (on a blank line, the program's).
  followCaret() {
    const state = this.view.state;
    this.showForm(lineForm(state.doc.lineAt(state.selection.main.head).text) || docForm(state.doc));
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

  // Set the text with no undo and no onChange (the page's start).
  set value(text) {
    this.reset(text);
    this.nameGutter(); // a new state makes a new gutter
    this.errorsList.textContent = "";
    this.showForm(docForm(this.view.state.doc));
  }

  showForm(form) {
    if (form && form !== this.form) {
      this.form = form;
      this.buildRuler();
    }
  }

  // Replace the whole text as one edit Ctrl+Z takes back; the caret and
  // the view go to the top.
  replace(text) {
    replaceText(this.view, text, [setErrorsEffect.of(new Map())]);
    this.errorsList.textContent = "";
    this.showForm(docForm(this.view.state.doc));
  }

  setErrors(errors, warnings = []) {
    const lines = new Map();
    for (const e of errors || []) if (!lines.has(e.line)) lines.set(e.line, e);
    this.view.dispatch({ effects: setErrorsEffect.of(lines) });
    this.errorsList.textContent = "";
    for (const [list, cls] of [[errors || [], "error"], [warnings || [], "warning"]]) {
      for (const e of list) {
        const li = document.createElement("li");
        li.className = cls;
        li.textContent = `line ${e.line}, column ${e.column}: ${e.message}`;
        li.dataset.line = String(e.line);
        li.addEventListener("click", () => this.goTo(e.line, e.column));
        this.errorsList.appendChild(li);
      }
    }
  }

  // Put the caret on LINE:COLUMN (1-based) and scroll it into view.
  goTo(line, column) {
    const doc = this.view.state.doc;
    const l = doc.line(Math.max(1, Math.min(line, doc.lines)));
    showAt(this.view, l.from + Math.max(0, Math.min((column || 1) - 1, l.length)));
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
