// The Machine menu's saved states: to a file, in this browser (local
// storage, autosaved every 20 s while the machine is used, and within a
// second of a card punched on the 029; the keypunch work done since is
// kept when the page goes away and punched again on a reload, work.js
// KeypunchJournal), and back. The machine's state is
// made and checked in Python ({cmd:"save_state"}, "load_state";
// machines/ibm1130/web/machine_state.py); the page adds the editor's
// source and the switches as the state's `page` field.
//
// On a reload the machine comes back from the last autosave, but what the
// user typed since wins over it: the editor's source (kept as it is
// typed) and the entry switches (kept when they change) are put back on
// top (work.js).

import { $, download, fileInput, hex4 } from "./page.js";
import { keepSwitches, keptSwitches, keypunchJournal, onLeave } from "./work.js";

const STATE_KEY = "retro1130.ibm1130.state";
const AUTOSAVE_MS = 20000;
const WATCH_MS = 1000; // the keypunch and the switches are looked at this often

export class StateMenu {
  // ctx: {send, act, notify, retro, program (ProgramPane), panel, output (OutputPane), cardroom, lastSnap()}
  constructor(ctx) {
    this.ctx = ctx;
    this.autosaved = -1; // the instruction count last autosaved
    this.wire();
  }

  pageFields() {
    const { program, panel } = this.ctx;
    // The card at the 029's punch station, typed but not released: the
    // machine's state keeps only released cards; this is keyed again.
    const kp = this.ctx.retro.keypunch;
    const station = kp && kp.card && kp.column > 1 ? kp.printed.slice(0, Math.min(80, kp.column - 1)) : "";
    return { source: program.source, sourceName: program.sourceName, switches: panel.switches, savedAt: Date.now(), station };
  }

  // The whole state as JSON text, or null when the worker refused.
  async save(includeDisk = true) {
    const r = await this.ctx.act(includeDisk ? { cmd: "save_state" } : { cmd: "save_state", include_disk: false });
    if (!r.ok) return null;
    const state = JSON.parse(r.state);
    state.page = this.pageFields();
    this.lastSavedAt = state.page.savedAt;
    return JSON.stringify(state);
  }

  async restore(text, name, keepSource = false) {
    const { send, act, notify, program, panel, output } = this.ctx;
    let page = null;
    try {
      page = JSON.parse(text).page || null;
    } catch (e) { /* the worker names the problem */ }
    // The keypunch deck punched here is replaced by the state's: its text
    // joins the earlier programs first (Deck to the editor's text).
    const deck = keepSource ? null : await send({ cmd: "deck_source" });
    const switches = panel.switches;
    const r = await act({ cmd: "load_state", state: text, name });
    if (!r.ok) return r;
    // Keypunch work done before this machine came no longer applies to it.
    keypunchJournal.reset(page && Number.isFinite(page.savedAt) ? page.savedAt : -1);
    const kept = [];
    if (deck && deck.ok !== false && deck.text) {
      const cards = deck.text.split("\n").length - 1;
      program.earlier.add(deck.text, `keypunch deck before the restore (${cards} card${cards === 1 ? "" : "s"})`);
      kept.push("the keypunch deck you had is under “Earlier programs”");
    }
    if (page && typeof page.source === "string" && !keepSource &&
        program.setSource(page.source, page.sourceName || "program.asm", `restored from ${name}`)) {
      kept.push("your previous program is one Ctrl+Z away, or under “Earlier programs”");
    }
    if (page && typeof page.station === "string" && page.station.trim()) {
      await send({ cmd: "keypunch", op: "key", text: page.station.slice(0, 80) });
    }
    output.clear();
    const s = await send({ cmd: "state" });
    panel.showSwitches(s.switches);
    if (!keepSource && s.switches !== switches) kept.push(`the switches were ${hex4(switches)}`);
    notify(`Restored the machine from ${name}: IAR ${hex4(r.iar)}, ${r.instructions.toLocaleString("en")} instructions executed. Press PROGRAM START to continue.${kept.length ? ` (${kept.join("; ")}.)` : ""}`);
    return r;
  }

  async saveLocal(quiet) {
    const { notify } = this.ctx;
    // The worker answers in order: the state holds every keypunch
    // operation sent before it was asked for.
    const count = keypunchJournal.ops.length;
    const text = await this.save();
    if (!text) return false;
    try {
      localStorage.setItem(STATE_KEY, text);
      keypunchJournal.saved(count, this.lastSavedAt);
    } catch (e) {
      // Too big with the cartridge image: keep the machine without it.
      const small = await this.save(false);
      if (!small) return false;
      try {
        localStorage.setItem(STATE_KEY, small);
        keypunchJournal.saved(count, this.lastSavedAt);
        if (!quiet) notify("Saved in this browser, without the disk cartridge (too big for local storage).");
        return true;
      } catch (e2) {
        notify(`This browser refused to store the state: ${e2.message}`, true);
        return false;
      }
    }
    if (!quiet) notify("The machine is saved in this browser.");
    return true;
  }

  // The state kept from the last visit, unless the page says otherwise
  // (?fresh=1, ?restore=0), with the source, the switches and the keypunch
  // work done since on top; then the page starts keeping the keypunch and
  // the switches.
  async restoreLastVisit(query) {
    const { program, panel, act } = this.ctx;
    const fresh = query.get("fresh") === "1";
    const restoring = !fresh && query.get("restore") !== "0";
    const text = localStorage.getItem(STATE_KEY);
    // Keys typed while this restores are on the machine already: not in `work`.
    const work = keypunchJournal.pending();
    let savedAt = 0;
    let base; // the machine the kept keypunch work followed: the saved one, or a fresh one (null)
    if (restoring && text) {
      // On success the journal follows the restored machine (restore()).
      const r = await this.restore(text, "your last visit", program.fromLink || program.hasKeptSource);
      if (r.ok) {
        savedAt = JSON.parse(text).page?.savedAt || 0;
        base = keypunchJournal.after;
      }
    }
    if (base === undefined) {
      keypunchJournal.reset(null); // the machine is a fresh one
      if (restoring && !text) base = null;
    }
    if (work.ops.length && base !== undefined && work.after === base) await this.punchAgain(work.ops);
    const switches = keptSwitches();
    if (!fresh && switches !== null && switches.at > savedAt && switches.value !== panel.switches) {
      panel.showSwitches(switches.value);
      await act({ cmd: "switches", value: switches.value });
    }
    this.watch();
  }

  // The keypunch operations kept from the last visit, done again on the
  // machine they followed; kept until that machine is saved with them.
  async punchAgain(ops) {
    const { send, notify } = this.ctx;
    for (const op of ops) {
      keypunchJournal.record(op); // in the order the worker gets them, as saveLocal counts
      await send(op);
    }
    if (this.ctx.cardroom) await this.ctx.cardroom.view();
    notify(`The keypunch work done after the last save is back (${ops.length} operation${ops.length === 1 ? "" : "s"} on the 029).`);
    await this.saveLocal(true); // the machine with it: the journal starts again from there
  }

  // Keep the switches when the operator changes them on the panel, and the
  // machine (with the keypunch deck) soon after a card is punched.
  watch() {
    const { panel, retro } = this.ctx;
    let switches = panel.switches;
    const keep = () => {
      if (panel.switches !== switches) keepSwitches((switches = panel.switches));
    };
    onLeave(keep);
    let keypunch = retro.keypunch;
    setInterval(async () => {
      keep();
      const snap = this.ctx.lastSnap();
      if (retro.keypunch === keypunch || !retro.ready || (snap && snap.lamps.run)) return;
      keypunch = retro.keypunch;
      this.saveLocal(true);
    }, WATCH_MS);
  }

  wire() {
    const { notify, retro } = this.ctx;
    $("#state-save-file").addEventListener("click", async () => {
      const text = await this.save();
      if (text) download("ibm1130-state.json", new Blob([text], { type: "application/json" }));
    });
    fileInput($("#state-load-file"), async (file) => this.restore(await file.text(), file.name));
    $("#state-save-local").addEventListener("click", () => this.saveLocal(false));
    $("#state-load-local").addEventListener("click", () => {
      const text = localStorage.getItem(STATE_KEY);
      if (!text) return notify("Nothing is saved in this browser yet.", true);
      this.restore(text, "this browser's saved state");
    });
    // Autosave while the machine is used: every 20 s when it has moved on.
    setInterval(async () => {
      const snap = this.ctx.lastSnap();
      if (!retro.ready || !snap || snap.instructions === this.autosaved || snap.lamps.run) return;
      this.autosaved = snap.instructions;
      this.saveLocal(true);
    }, AUTOSAVE_MS);
  }
}
