// The Program pane: the editor's source, the assembler's buttons (Assemble,
// Load, Load and run, Save, Save .out, Punch, Card columns), the examples,
// the earlier programs, the shared link. The assembler is in Python
// ({cmd:"assemble"}, "load", "load_file_text", "object_deck"); the editor
// only shows what it reports.
//
// Nothing typed is lost (issue 12): the source is kept in this browser as
// it is typed (written at the latest when the page is hidden or reloaded),
// and whatever replaces it (an example, a shared link, the keypunch deck, a
// restored state, an earlier program) is one Ctrl+Z away and puts the
// replaced program under "Earlier programs" (work.js), across reloads.

import { Editor, showListing } from "./editor.js";
import { $, addOption, download, fetchOptional, fileInput, hex4, textBlob } from "./page.js";
import { decodeProgram, encodeProgram } from "./share.js";
import { EarlierPrograms, onLeave, SOURCE_KEY, SOURCE_NAME_KEY } from "./work.js";

const SAVE_MS = 400; // the source is written to local storage this long after the last key

export class ProgramPane {
  // ctx: {send, act, notify}
  constructor(ctx) {
    this.ctx = ctx;
    this.sourceName = "program.asm";
    this.fromLink = false; // the editor holds a shared link's program
    this.pristine = null; // an example's text as it was chosen, until it is edited
    this.started = false; // the source at start is in the editor (before, nothing is written)
    this.cardSource = null; // the last assembly's program in card columns, when it was not
    this.earlier = new EarlierPrograms($("#asm-earlier"));
    this.editor = new Editor({ textarea: $("#source"), ruler: $("#ruler"), errorsList: $("#errors") });
    this.saveTimer = 0;
    this.editor.onChange = () => {
      this.started = true;
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.keep(), SAVE_MS);
    };
    onLeave(() => this.keep());
    this.wire();
  }

  // Write the editor's source to this browser now.
  keep() {
    clearTimeout(this.saveTimer);
    if (!this.started) return;
    try {
      localStorage.setItem(SOURCE_KEY, this.editor.value);
      localStorage.setItem(SOURCE_NAME_KEY, this.sourceName);
    } catch (e) { /* storage full or denied: the editor still has it */ }
  }

  // True when this browser keeps a source typed in the editor.
  get hasKeptSource() {
    return localStorage.getItem(SOURCE_KEY) !== null;
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
    if (r.ok) status.textContent = `Assembled: ${r.size} words, start ${hex4(r.start || 0)}`
      + (r.origin != null ? ` (relocatable, loaded at ${hex4(r.origin)} as DMS would)` : "");
    else if (r.errors && r.errors.length) status.textContent = r.errors.length === 1 ? "1 error, marked on its line" : `${r.errors.length} errors, marked on their lines`;
    else status.textContent = r.error || "failed";
    this.cardSource = r.card_source || null;
    $("#asm-cards").hidden = !this.cardSource;
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

  // The link goes to the clipboard, never into the address bar: a reload
  // then keeps what is typed after sharing.
  async share() {
    const code = await encodeProgram(this.editor.value);
    const url = `${location.origin}${location.pathname}#asm=${code}`;
    this.ctx.retro.sharedLink = url;
    try {
      await navigator.clipboard.writeText(url);
      this.ctx.notify("A link to this program is in the clipboard.");
    } catch (err) {
      this.ctx.notify(`This browser did not let the page use the clipboard; copy the link: ${url}`);
    }
  }

  // The program in IBM card columns, as the last assembly rewrote it.
  async toCardColumns() {
    const r = await this.assemble();
    if (r.form === "card") return this.ctx.notify("The program is already in IBM card columns.");
    if (r.card_source) this.setSource(r.card_source, this.sourceName, "in card columns");
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
      this.setSource(await res.text(), name, "example");
    });
    $("#share").addEventListener("click", () => this.share());
    $("#asm-cards").addEventListener("click", () => this.toCardColumns());
    this.earlier.onChoose = (entry) => this.setSource(entry.text, entry.name, "earlier");
  }

  async open(file) {
    if (file.size > 2_000_000) return this.ctx.notify(`${file.name}: ${file.size.toLocaleString("en")} bytes is too big for a source file`, true);
    const text = await file.text();
    if (text.includes("\0")) return this.ctx.notify(`${file.name}: this is a binary file, not assembler source`, true);
    this.setSource(text, file.name, "opened");
  }

  // Replace the editor's program (an example, a file, the keypunch deck, a
  // restored state, an earlier program): one edit Ctrl+Z takes back, and
  // the replaced program, unless it is empty or was never edited, joins
  // the earlier programs. `why` names the replacement in the notice.
  setSource(text, name, why = "") {
    text = text.replace(/\r\n/g, "\n");
    const old = this.editor.value;
    if (text === old) return false;
    const kept = old.trim() && old !== this.pristine && this.earlier.add(old, this.sourceName);
    this.editor.replace(text);
    this.sourceName = name || "program.asm";
    this.pristine = why === "example" ? text : null; // examples can be chosen again; the rest is kept
    this.fromLink = false;
    this.keep();
    this.showLines();
    if (kept) {
      const lines = old.split("\n").length;
      // Said here too, where the program was replaced (the notice is at the top).
      $("#asm-status").textContent += " · your previous program: Ctrl+Z, or “Earlier”";
      this.ctx.notify(`${this.sourceName}${why ? ` (${why})` : ""} is in the editor. Your previous program (${lines} line${lines === 1 ? "" : "s"}) is one Ctrl+Z away, or under “Earlier programs”.`);
    }
    return !!kept;
  }

  showLines() {
    $("#asm-status").textContent = `${this.sourceName}: ${this.editor.value.split("\n").length} lines`;
    $("#asm-status").classList.remove("bad", "good");
  }

  async loadExamples() {
    for (const ex of (await fetchOptional("examples/index.json")) || []) addOption($("#examples"), ex.file, ex.title);
  }

  // The source at start: the one kept in this browser, else the first
  // example; then a shared link's program over it, the kept one one
  // Ctrl+Z away and under "Earlier programs". The link leaves the address
  // bar at once, so a reload keeps what is typed next.
  async initialSource() {
    const saved = localStorage.getItem(SOURCE_KEY);
    if (saved !== null) {
      this.editor.value = saved;
      this.sourceName = localStorage.getItem(SOURCE_NAME_KEY) || "program.asm";
      this.showLines();
      this.started = true;
    } else {
      const res = await fetch("examples/add.asm").catch(() => null);
      if (res && res.ok && !this.started) { // unless typing began meanwhile
        this.editor.value = (await res.text()).replace(/\r\n/g, "\n");
        this.sourceName = "add.asm";
        this.pristine = this.editor.value;
        this.showLines();
      }
      this.started = true;
    }
    await this.openLink();
    // A link pasted into the address bar of this page only changes the hash.
    addEventListener("hashchange", () => this.openLink());
  }

  // The program of a #asm= link in the address bar, if there is one.
  async openLink() {
    const hash = new URLSearchParams(location.hash.slice(1));
    if (!hash.has("asm")) return;
    history.replaceState(null, "", location.pathname + location.search);
    let text;
    try {
      text = await decodeProgram(hash.get("asm"));
    } catch (err) {
      this.ctx.notify(`The program in this link is damaged and was not loaded (${err.message}). Your own program is kept.`, true);
      return;
    }
    const before = this.ctx.retro.notices.length;
    this.setSource(text, "shared.asm", "from the link");
    this.fromLink = true;
    if (this.ctx.retro.notices.length === before) this.ctx.notify("This link carried a program: it is in the editor. Press “Load and run”.");
  }

  // A snapshot where the CPU stopped: say why in the status line.
  showStop(snap) {
    const why = { wait: "WAIT", invalid: "an invalid instruction", breakpoint: "a breakpoint" }[snap.stop] || snap.stop;
    $("#asm-status").textContent = `Stopped by ${why} at IAR ${hex4(snap.lamps.iar)}`;
  }
}
