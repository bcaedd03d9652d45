// Moore's FORTH (1968): one click from the page to FORTH at the console
// keyboard (machines/ibm1130/web/forth.py, ../shared/data/ibm1130/forth68).
//
// The first time, the worker mounts IBM's DMS cartridge, runs the three
// preparation jobs and the cold start (// XEQ FORTX) as fast as it can,
// in slices, with a progress bar; the machine it leaves (drive 0 and the
// drive 1 copy, FORTH waiting at the keyboard) is kept in this browser's
// IndexedDB as a saved state, so the next visit loads it at once.

import { $ } from "./page.js";

const DATA = "data/ibm1130/";
const JOBS = ["forth68/1_fixed_area.job", "forth68/2_store_forth_source.job", "jobs/forth68_asm.job"];
const DB_NAME = "retro1130-forth";
const STORE = "prepared";
export const PREPARED_KEY = "forth68-v1";

function openDb() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function stored(key, value) {
  const db = await openDb();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, value === undefined ? "readonly" : "readwrite");
      const req = value === undefined ? tx.objectStore(STORE).get(key) : tx.objectStore(STORE).put(value, key);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

export class ForthPane {
  constructor(ctx) {
    this.ctx = ctx;
    this.busy = false;
    $("#forth-start").addEventListener("click", () => this.start());
    $("#forth-keys-form").addEventListener("submit", (e) => {
      e.preventDefault();
      this.type();
    });
  }

  progress(text, fraction) {
    const bar = $("#forth-progress");
    bar.hidden = fraction === null;
    if (fraction !== null) bar.value = fraction;
    $("#forth-status").textContent = text;
  }

  async start() {
    if (this.busy) return;
    this.busy = true;
    $("#forth-start").disabled = true;
    try {
      if (await this.loadPrepared()) return this.ready("loaded from this browser");
      if (await this.prepare()) return this.ready("prepared");
    } catch (err) {
      this.ctx.notify(`Moore's FORTH: ${err.message || err}`, true);
      this.progress("", null);
    } finally {
      this.busy = false;
      $("#forth-start").disabled = false;
    }
  }

  async loadPrepared() {
    let state;
    try {
      state = await stored(PREPARED_KEY);
    } catch (e) {
      return false; // no IndexedDB (private mode): prepare instead
    }
    if (!state) return false;
    this.progress("Loading the prepared FORTH machine…", 0.5);
    const r = await this.ctx.act({ cmd: "load_state", state, name: "Moore's FORTH (prepared)" });
    return r.ok;
  }

  async prepare() {
    const { act, send } = this.ctx;
    this.progress("Mounting IBM's DMS cartridge…", 0);
    const url = new URL(DATA + "dms.dsk", location.href).href;
    const m = await send({ cmd: "mount", url, name: "dms.dsk", drive: 0 });
    if (!m.ok) throw new Error(`the IBM 1130 material is not on this server (${m.error}); serve it with build.py serve --data ../shared/data`);
    const jobs = [];
    for (const job of JOBS) {
      const res = await fetch(DATA + job);
      if (!res.ok) throw new Error(`${DATA + job}: the server answered ${res.status}`);
      jobs.push({ name: job, text: await res.text() });
    }
    let r = await act({ cmd: "forth_prepare", jobs });
    if (!r.ok) return false;
    const began = performance.now();
    while (!r.done) {
      r = await act({ cmd: "forth_step" });
      if (!r.ok) return false;
      const seconds = (performance.now() - began) / 1000;
      const left = r.fraction > 0.02 ? Math.round((seconds / r.fraction) * (1 - r.fraction)) : null;
      this.progress(`${r.stage}… ${Math.round(r.fraction * 100)}%` +
        (left !== null ? ` (about ${left} s left; once: it is kept in this browser)` : ""), r.fraction);
    }
    try {
      const saved = await send({ cmd: "save_state", include_disk: true });
      if (saved.ok) await stored(PREPARED_KEY, saved.state);
    } catch (e) { /* no IndexedDB: prepared again next time */ }
    return true;
  }

  ready(how) {
    this.progress(`FORTH is waiting at the console keyboard (${how}).`, null);
    $("#forth-guide").hidden = false;
    const name = $("#disk-name");
    if (name) name.textContent = "forth68-drive0.dsk (DMS with FORTX)";
    let drive1 = $("#forth-drive1");
    const disk = $("#disk-2310");
    if (!drive1 && disk) {
      drive1 = document.createElement("p");
      drive1.id = "forth-drive1";
      disk.querySelector("p").after(drive1);
    }
    if (drive1) drive1.textContent = "Drive 1: forth68-drive1.dsk (cartridge ID 0211, FORTH's own disk)";
    this.ctx.notify("Moore's FORTH is ready: type a phrase, a blank after every word");
    $("#forth-keys").focus();
  }

  // What is typed goes to the 1131 keyboard; FORTH echoes each key. The
  // phrase ends with a blank, not EOF: FORTH reads a word up to a blank.
  async type() {
    const input = $("#forth-keys");
    const r = await this.ctx.act({ cmd: "console_keys", text: input.value + " " });
    if (r.ok) input.value = "";
  }
}
