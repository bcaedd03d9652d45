// The parts of CodeMirror 6 the pages use, bundled by build.py (esbuild,
// both pinned in package.json) into dist/js/lib/codemirror.js: one ES
// module with no bare imports, so the site works from any static host and
// offline.
export { EditorState, EditorSelection, Prec, RangeSet, StateEffect, StateField, Transaction } from "@codemirror/state";
export { EditorView, Decoration, GutterMarker, keymap, lineNumbers, lineNumberMarkers, runScopeHandlers } from "@codemirror/view";
export { defaultKeymap, history, historyKeymap, insertNewline, isolateHistory, redo, redoDepth, undo, undoDepth } from "@codemirror/commands";
