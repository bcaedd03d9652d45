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
// aria-hidden, out of the tab order, one transparent pixel whose content
// is never laid out: the mirror costs a string copy, not a 60 ms layout of
// 10,000 lines).

import { EditorSelection, Transaction, isolateHistory, runScopeHandlers } from "./lib/codemirror.js";

const VALUE = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value");
const START = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "selectionStart");
const END = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "selectionEnd");
const nativeSelect = HTMLTextAreaElement.prototype.setSelectionRange;

// Make TA stand for VIEW. `keydown(event)` is the editor's own key handler
// (true when it took the key; e.g. Tab to the next field): it also gets the
// keys that arrive at the textarea. Returns {mirror()}, to be called from
// the view's update listener when the document or the selection changed.
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
  // other script can read them): setting 400 KB of text natively costs a
  // few ms, paid once however many transactions the task made.
  let pending = false;
  const mirrorNow = () => {
    pending = false;
    if (mirrored !== view.state.doc) {
      VALUE.set.call(ta, text());
      mirrored = view.state.doc;
    }
    const { from, to, head } = main();
    nativeSelect.call(ta, from, to, head < to ? "backward" : "forward");
  };
  const mirror = () => {
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
