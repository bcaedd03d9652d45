// The Program pane: the editor's source, the assembler's buttons (Assemble,
// Load, Load and run, Save, Save .out, Punch), the examples, the shared
// link. The assembler is in Python ({cmd:"assemble"}, "load",
// "load_file_text", "object_deck"); the editor only shows what it reports.

import { Editor, showListing } from "./editor.js";
import { $, addOption, download, fetchOptional, fileInput, hex4, textBlob } from "./page.js";
import { decodeProgram, encodeProgram } from "./share.js";

const SOURCE_KEY = "retro1130.ibm1130.source";

export class ProgramPane {
  // ctx: {send, act, notify}
  constructor(ctx) {
    this.ctx = ctx;
    this.sourceName = "program.asm";
    this.fromLink = false; // a shared link's program wins over a restored one
    this.editor = new Editor({ textarea: $("#source"), gutter: $("#gutter"), marks: $("#marks"), ruler: $("#ruler"), errorsList: $("#errors") });
    this.editor.onChange = (text) => {
      try { localStorage.setItem(SOURCE_KEY, text); } catch (e) { /* storage full or denied */ }
    };
    this.wire();
  }

  get source() {
    return this.editor.value;
  }

  // The message fields that carry the program.
  program() {
    return { source: this.editor.value, filename: this.sourceName };
  }

  showAssembly(r) {
    this.editor.setErrors(r.errors || [], r.warnings || []);
    if (r.listing !== undefined) showListing($("#listing"), r.listing);
    const status = $("#asm-status");
    status.classList.toggle("bad", !r.ok);
    status.classList.toggle("good", !!r.ok);
    if (r.ok) status.textContent = `Assembled: ${r.size} words, start ${hex4(r.start || 0)}`;
    else if (r.errors && r.errors.length) status.textContent = r.errors.length === 1 ? "1 error, marked on its line" : `${r.errors.length} errors, marked on their lines`;
    else status.textContent = r.error || "failed";
  }

  async assemble() {
    if (/\.out$/i.test(this.sourceName)) {
      this.ctx.notify(`${this.sourceName} is a load file (SIMH .out), not source: press Load to put it in core.`);
      return { ok: false };
    }
    const r = await this.ctx.send({ cmd: "assemble", ...this.program() });
    this.showAssembly(r);
    if (!r.ok && r.errors && r.errors.length) $("#listing-box").open = true;
    return r;
  }

  async load() {
    const format = /\.out$/i.test(this.sourceName) ? "out" : "asm";
    const r = await this.ctx.send({ cmd: "load", ...this.program(), format });
    this.showAssembly(r);
    if (!r.ok && r.error && !(r.errors && r.errors.length)) this.ctx.notify(r.error, true);
    return r;
  }

  async loadAndRun() {
    const r = await this.load();
    if (!r.ok) return r;
    await this.ctx.act({ cmd: "mode", mode: "RUN" });
    return this.ctx.act({ cmd: "button", name: "start" });
  }

  async saveOut() {
    const r = await this.ctx.send({ cmd: "assemble", ...this.program() });
    this.showAssembly(r);
    if (!r.ok) return;
    const out = await this.ctx.act({ cmd: "load_file_text", ...this.program() });
    if (out.ok) download(this.sourceName.replace(/\.(asm|txt)$/i, "") + ".out", textBlob(out.text));
  }

  async punch() {
    const kind = $("#asm-deck-kind").value;
    const r = await this.ctx.send({ cmd: "object_deck", ...this.program(), kind });
    if (!r.ok) {
      this.showAssembly(r);
      return this.ctx.notify(r.error, true);
    }
    this.ctx.notify(`${r.cards} card${r.cards === 1 ? "" : "s"} punched at the back of the keypunch deck (${r.deck_size} cards): download them in binary or put them in the 1442 hopper (Card room).`);
  }

  async share() {
    const code = await encodeProgram(this.editor.value);
    const url = `${location.origin}${location.pathname}#asm=${code}`;
    history.replaceState(null, "", url);
    try {
      await navigator.clipboard.writeText(url);
      this.ctx.notify("A link to this program is in the clipboard (and in the address bar).");
    } catch (err) {
      this.ctx.notify("The link to this program is in the address bar.");
    }
  }

  wire() {
    $("#asm-assemble").addEventListener("click", () => this.assemble());
    $("#asm-load").addEventListener("click", () => this.load());
    $("#asm-run").addEventListener("click", () => this.loadAndRun());
    $("#asm-save").addEventListener("click", () => download(this.sourceName.replace(/\.out$/i, ".asm"), textBlob(this.editor.value)));
    $("#asm-save-out").addEventListener("click", () => this.saveOut());
    $("#asm-deck").addEventListener("click", () => this.punch());
    fileInput($("#asm-open"), (file) => this.open(file));
    $("#examples").addEventListener("change", async (e) => {
      const name = e.target.value;
      e.target.value = "";
      if (!name) return;
      const res = await fetch(`examples/${name}`);
      if (!res.ok) return this.ctx.notify(`examples/${name}: the server answered ${res.status}`, true);
      this.setSource(await res.text(), name);
    });
    $("#share").addEventListener("click", () => this.share());
  }

  async open(file) {
    if (file.size > 2_000_000) return this.ctx.notify(`${file.name}: ${file.size.toLocaleString("en")} bytes is too big for a source file`, true);
    const text = await file.text();
    if (text.includes("\0")) return this.ctx.notify(`${file.name}: this is a binary file, not assembler source`, true);
    this.setSource(text, file.name);
  }

  setSource(text, name) {
    this.editor.value = text.replace(/\r\n/g, "\n");
    this.sourceName = name || "program.asm";
    this.editor.onChange(this.editor.value);
    $("#asm-status").textContent = `${this.sourceName}: ${this.editor.value.split("\n").length} lines`;
    $("#asm-status").classList.remove("bad", "good");
  }

  async loadExamples() {
    for (const ex of (await fetchOptional("examples/index.json")) || []) addOption($("#examples"), ex.file, ex.title);
  }

  // The source at start: a shared link's program, else the one kept in
  // this browser, else the first example.
  async initialSource() {
    const hash = new URLSearchParams(location.hash.slice(1));
    const saved = localStorage.getItem(SOURCE_KEY);
    if (hash.has("asm")) {
      try {
        this.setSource(await decodeProgram(hash.get("asm")), "shared.asm");
        this.fromLink = true;
        this.ctx.notify("This link carried a program: it is in the editor. Press “Load and run”.");
        return;
      } catch (err) {
        this.ctx.notify(`The program in this link is damaged and was not loaded (${err.message}). Your own program is kept.`, true);
      }
    }
    if (saved !== null) this.setSource(saved, "program.asm");
    else {
      const res = await fetch("examples/add.asm").catch(() => null);
      if (res && res.ok) this.setSource(await res.text(), "add.asm");
    }
  }

  // A snapshot where the CPU stopped: say why in the status line.
  showStop(snap) {
    const why = { wait: "WAIT", invalid: "an invalid instruction", breakpoint: "a breakpoint" }[snap.stop] || snap.stop;
    $("#asm-status").textContent = `Stopped by ${why} at IAR ${hex4(snap.lamps.iar)}`;
  }
}
