// The pages' assembler editors (the 1130 page's Program pane, the
// challenges): CodeMirror 6, which keeps only the lines in view in the
// page, so a key costs the same with 10 lines or 10,000 (issue 12;
// tests/browser/bench_editor.py), put where the page's <textarea> is; the
// textarea stays, standing for it (textarea-proxy.js).
//
// Keys as in a textarea: Enter is a plain new line (card columns are not
// indentation), Ctrl+Z undoes, Ctrl+Y and Ctrl+Shift+Z redo; Tab is the
// page's (`keydown`), else it leaves the editor, as it does after Esc.

import {
  EditorSelection, EditorState, EditorView, Prec, Transaction,
  defaultKeymap, history, historyKeymap, insertNewline, isolateHistory, keymap, redo,
} from "./lib/codemirror.js";
import { proxyTextarea } from "./textarea-proxy.js";

// The user event of a text set by the page itself (no onChange, no undo).
const SET = "set";

// Ctrl+Shift+Z redoes even when the key comes unshifted ("z", as scripts
// send it), which CodeMirror's keymap would take for Ctrl+Z.
function shiftZ(e, view) {
  if (e.key.toLowerCase() !== "z" || !e.shiftKey || !(e.ctrlKey || e.metaKey) || e.altKey) return false;
  e.preventDefault();
  redo(view);
  return true;
}

// Put an editor where TEXTAREA is (it stays, standing for the editor).
// keydown(event): the page's key handler, true when it took the key.
// onChange(): after each change of the text but those of reset().
// extensions: CodeMirror extensions of the page (gutters, decorations).
// Returns {view, reset(text)}: reset puts a text with no undo history.
export function codeEditor({ textarea, keydown = () => false, onChange = null, extensions = [] }) {
  let proxy = null;
  let view = null;
  const keys = (e) => shiftZ(e, view) || keydown(e);
  const all = [
    history(),
    Prec.highest(EditorView.domEventHandlers({
      keydown: keys,
      // Esc then Tab leaves the editor during one visit: back in it, Tab is
      // the page's again (CodeMirror would let it leave for 2 s after Esc).
      focus: () => { view.setTabFocusMode(false); },
    })),
    keymap.of([{ key: "Enter", run: insertNewline }, ...historyKeymap, ...defaultKeymap]),
    EditorState.tabSize.of(8),
    EditorView.contentAttributes.of({
      "aria-label": textarea.getAttribute("aria-label") || "source",
      spellcheck: "false", autocorrect: "off", autocapitalize: "off",
    }),
    EditorView.updateListener.of((u) => {
      if (proxy && (u.docChanged || u.selectionSet)) proxy.mirror(u);
      if (u.docChanged && onChange && !u.transactions.some((t) => t.isUserEvent(SET))) onChange();
    }),
    extensions,
  ];
  const state = (doc) => EditorState.create({ doc, extensions: all });
  view = new EditorView({ state: state(textarea.value) });
  textarea.before(view.dom);
  textarea.tabIndex = -1; // one editor for the keyboard and screen readers: the view
  textarea.setAttribute("aria-hidden", "true");
  proxy = proxyTextarea(textarea, view, keys);
  return {
    view,
    reset(text) {
      // A fresh state with the view's extensions (setState keeps the DOM).
      view.setState(state(text));
      proxy.mirror();
    },
  };
}

// Replace the whole text of VIEW as one edit Ctrl+Z takes back, the caret
// and the view at the top; `effects`: more for the same transaction.
export function replaceText(view, text, effects = []) {
  view.dispatch({
    changes: { from: 0, to: view.state.doc.length, insert: text },
    selection: EditorSelection.cursor(0),
    effects: [...effects, EditorView.scrollIntoView(0, { y: "start" })],
    annotations: [isolateHistory.of("full"), Transaction.userEvent.of("input.replace")],
  });
}

// Put the caret (or a selection to END) at POS, in view, and the focus in the editor.
export function showAt(view, pos, end = pos) {
  view.dispatch({ selection: EditorSelection.single(pos, end), effects: EditorView.scrollIntoView(pos, { y: "center" }) });
  view.focus();
}
