// A <textarea> that stands for a CodeMirror view, so that scripts and
// checks written for a plain textarea keep working on a virtualised editor
// (issue 12). The textarea's own text and selection mirror the view's after
// every change (what scripts in other JavaScript worlds read, e.g.
// playwright's input_value); in this page's world `value`,
// `selectionStart`, `selectionEnd`, `selectionDirection`,
// `setSelectionRange()` and `select()` read and write the view itself, so
// `value = text` is one edit Ctrl+Z takes back. Text put into the textarea
// natively while it has the focus (playwright's fill, execCommand, a paste)
// becomes one transaction of the view; a click or a key moves the focus to
// the view, the one editor users see, type into and hear (the textarea is
// aria-hidden, out of the tab order, one transparent pixel whose text is
// not laid out unless it has the focus: css/site.css, textarea.code-proxy;
// laid out, 10,000 lines would cost 0.7 s at every change).

import { EditorSelection, Transaction, isolateHistory, runScopeHandlers } from "./lib/codemirror.js";

const VALUE = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value");
const START = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "selectionStart");
const END = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "selectionEnd");
const nativeSelect = HTMLTextAreaElement.prototype.setSelectionRange;
const setRange = HTMLTextAreaElement.prototype.setRangeText;

// Make TA stand for VIEW. `keydown(event)` is the editor's own key handler
// (true when it took the key; e.g. Tab to the next field): it also gets the
// keys that arrive at the textarea. Returns {mirror(update)}, to be called
// from the view's update listener when the document or the selection
// changed, and with no update after the view got a new state.
export function proxyTextarea(ta, view, keydown = () => false) {
  let mirrored = null; // the document the textarea's own text is a copy of
  let docText = "";
  let docOf = null;
  const text = () => {
    if (docOf !== view.state.doc) {
      docOf = view.state.doc;
      docText = docOf.toString();
    }
    return docText;
  };
  const main = () => view.state.selection.main;
  const clamp = (n) => Math.max(0, Math.min(Math.trunc(Number(n)) || 0, view.state.doc.length));
  const select = (anchor, head) => {
    view.dispatch({ selection: EditorSelection.single(clamp(anchor), clamp(head)), scrollIntoView: true });
  };
  // The textarea's own text and selection, once per task (before any
  // other script can read them). Chrome takes a few ms to set 400 KB of
  // text, about half that to replace a range of it: one range changed
  // since the last mirror is replaced, anything else sets the whole text.
  let pending = false;
  let changes = null; // the changes from the mirrored document to the view's, if known
  const mirrorNow = () => {
    pending = false;
    const doc = view.state.doc;
    if (mirrored !== doc) {
      let ranges = 0;
      let range = null;
      if (changes) changes.iterChanges((fromA, toA, fromB, toB, inserted) => { ranges++; range = [inserted, fromA, toA]; });
      if (ranges === 1) setRange.call(ta, range[0].toString(), range[1], range[2]);
      else VALUE.set.call(ta, text());
      mirrored = doc;
    }
    changes = null;
    const { from, to, head } = main();
    nativeSelect.call(ta, from, to, head < to ? "backward" : "forward");
  };
  // After an update of the view (or, with none, after a new state).
  const mirror = (update = null) => {
    if (update && update.docChanged) {
      const base = changes || (mirrored === update.startState.doc ? null : undefined);
      changes = base === undefined ? null : base ? base.compose(update.changes) : update.changes;
      if (base === undefined) mirrored = null; // unknown: the whole text
    } else if (!update) {
      changes = null;
      mirrored = null;
    }
    if (!pending) queueMicrotask(mirrorNow);
    pending = true;
  };

  Object.defineProperties(ta, {
    value: {
      configurable: true,
      get: text,
      set(v) {
        v = String(v ?? "").replace(/\r\n?/g, "\n");
        if (v === text()) return;
        view.dispatch({
          changes: { from: 0, to: view.state.doc.length, insert: v },
          selection: EditorSelection.cursor(v.length),
          annotations: [isolateHistory.of("full"), Transaction.userEvent.of("input.replace")],
        });
      },
    },
    textLength: { configurable: true, get: () => view.state.doc.length },
    selectionStart: {
      configurable: true,
      get: () => main().from,
      set(v) {
        const start = clamp(v);
        select(start, Math.max(start, main().to));
      },
    },
    selectionEnd: {
      configurable: true,
      get: () => main().to,
      set(v) {
        const end = clamp(v);
        select(Math.min(main().from, end), end);
      },
    },
    selectionDirection: {
      configurable: true,
      get: () => (main().head < main().anchor ? "backward" : "forward"),
      set(v) {
        const { from, to } = main();
        if (v === "backward") select(to, from);
        else select(from, to);
      },
    },
    setSelectionRange: {
      configurable: true,
      value(start, end, direction = "forward") {
        const a = clamp(start);
        const b = Math.max(a, clamp(end));
        if (direction === "backward") select(b, a);
        else select(a, b);
      },
    },
    select: { configurable: true, value: () => select(0, view.state.doc.length) },
  });

  // Text inserted into the focused textarea (playwright's fill, execCommand
  // insertText) goes straight to the view: Chrome's own insertion of many
  // lines into a textarea takes seconds (a 3,000-line fill: 17 s).
  ta.addEventListener("beforeinput", (e) => {
    if (document.activeElement !== ta || typeof e.data !== "string" || !e.inputType.startsWith("insert")) return;
    e.preventDefault();
    const from = START.get.call(ta);
    const insert = e.data.replace(/\r\n?/g, "\n");
    view.dispatch({
      changes: { from, to: END.get.call(ta), insert },
      selection: EditorSelection.cursor(from + insert.length),
      scrollIntoView: true,
      userEvent: "input",
    });
    mirrorNow(); // as after a native insertion, then its input event
    ta.dispatchEvent(new InputEvent("input", { inputType: e.inputType, data: e.data, bubbles: true }));
  });
  // Other text put into the focused textarea (a paste, a deletion): the
  // difference, as one transaction.
  // (An `input` event on a textarea without the focus is a script's notice
  // after setting `value`, already applied.)
  ta.addEventListener("input", () => {
    if (document.activeElement !== ta) return;
    const now = VALUE.get.call(ta);
    const was = text();
    if (now === was) return;
    let start = 0;
    const max = Math.min(now.length, was.length);
    while (start < max && now.charCodeAt(start) === was.charCodeAt(start)) start++;
    let end = 0;
    while (end < max - start && now.charCodeAt(now.length - 1 - end) === was.charCodeAt(was.length - 1 - end)) end++;
    view.dispatch({
      changes: { from: start, to: was.length - end, insert: now.slice(start, now.length - end) },
      selection: EditorSelection.single(START.get.call(ta), END.get.call(ta)),
      scrollIntoView: true,
      userEvent: "input",
    });
    mirrored = view.state.doc; // the textarea has that text already
  });

  // A click on it focuses the view.
  ta.addEventListener("mousedown", (e) => {
    e.preventDefault();
    view.focus();
  });
  // A key typed into it goes to the view with the textarea's selection (a
  // script may have set it in another world): the focus moves before the
  // key's default action, so a character lands in the view, and the view's
  // key bindings (Ctrl+Z, Ctrl+End, Delete, Tab, ...) run for it here.
  ta.addEventListener("keydown", (e) => {
    if (["Shift", "Control", "Alt", "Meta"].includes(e.key)) return;
    const a = START.get.call(ta);
    const b = END.get.call(ta);
    if (a !== main().from || b !== main().to) select(a, b);
    view.focus();
    if (keydown(e) || runScopeHandlers(view, e, "editor")) e.preventDefault();
  });

  mirrorNow();
  return { mirror };
}
