// What the user made on the 1130 page, kept in this browser so that no
// reload, shared link, example or restore loses it (issue 12): the
// editor's source (program.js writes it), the entry switches, and the
// programs the editor's text was replaced by something else ("Earlier
// programs", newest first). The machine itself is saved by state.js.

export const SOURCE_KEY = "retro1130.ibm1130.source";
export const SOURCE_NAME_KEY = "retro1130.ibm1130.source-name";
export const SWITCHES_KEY = "retro1130.ibm1130.switches";
const EARLIER_KEY = "retro1130.ibm1130.earlier";
const EARLIER_MAX = 8;

// Run `keep` whenever the page may go away (reload, tab closed, hidden on a
// phone): the last moment to write local storage synchronously.
export function onLeave(keep) {
  addEventListener("pagehide", keep);
  addEventListener("beforeunload", keep);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") keep();
  });
}

function readJSON(key, fallback) {
  try {
    const v = JSON.parse(localStorage.getItem(key));
    return v === null ? fallback : v;
  } catch (e) {
    return fallback;
  }
}

// The replaced programs, in local storage and in a <select> to bring one
// back. Choosing one calls onChoose(entry) and takes it off the list (the
// program it replaces joins the list: nothing is dropped but the oldest
// of EARLIER_MAX).
export class EarlierPrograms {
  constructor(select) {
    this.select = select;
    this.onChoose = null;
    this.list = readJSON(EARLIER_KEY, []).filter((e) => e && typeof e.text === "string");
    this.show();
    select.addEventListener("change", () => {
      const i = Number(select.value);
      select.value = "";
      const entry = this.list[i];
      if (!entry || !this.onChoose) return;
      this.list.splice(i, 1);
      this.store();
      this.onChoose(entry);
      this.show();
    });
  }

  // Keep `text` (named `name`); true when it is kept. The same text moves to the top.
  add(text, name) {
    this.list = this.list.filter((e) => e.text !== text);
    this.list.unshift({ text, name: name || "program.asm", when: new Date().toISOString() });
    this.list.length = Math.min(this.list.length, EARLIER_MAX);
    this.store();
    this.show();
    return true;
  }

  store() {
    try {
      localStorage.setItem(EARLIER_KEY, JSON.stringify(this.list));
    } catch (e) {
      // Too big for local storage: drop the oldest until it fits (the newest stays).
      while (this.list.length > 1) {
        this.list.pop();
        try {
          localStorage.setItem(EARLIER_KEY, JSON.stringify(this.list));
          return;
        } catch (e2) { /* still too big */ }
      }
    }
  }

  show() {
    const sel = this.select;
    sel.textContent = "";
    const head = document.createElement("option");
    head.value = "";
    head.textContent = this.list.length ? `earlier programs (${this.list.length})…` : "none yet";
    sel.appendChild(head);
    this.list.forEach((e, i) => {
      const opt = document.createElement("option");
      opt.value = String(i);
      const lines = e.text.split("\n").length;
      const when = new Date(e.when);
      const at = isNaN(when) ? "" : `, ${when.toLocaleString("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" })}`;
      opt.textContent = `${e.name}: ${lines} line${lines === 1 ? "" : "s"}${at} — ${e.text.trim().split("\n")[0].trim().slice(0, 40)}`;
      sel.appendChild(opt);
    });
    sel.disabled = !this.list.length;
  }
}

// The entry switches as the operator left them on the panel: {value, at}
// (at: Date.now() when kept), or null when never kept. state.js writes
// them when the panel's switches change, and puts them back over an older
// saved machine.
export function keptSwitches() {
  const v = readJSON(SWITCHES_KEY, null);
  if (!v || !Number.isInteger(v.value) || v.value < 0 || v.value > 0xffff || !Number.isFinite(v.at)) return null;
  return v;
}

export function keepSwitches(value) {
  try {
    localStorage.setItem(SWITCHES_KEY, JSON.stringify({ value: value & 0xffff, at: Date.now() }));
  } catch (e) { /* storage denied */ }
}

// The keypunch work not yet in a saved machine: every operation that
// changes the 029's desk (a key, a release, a paste...) since the machine
// was last saved in this browser, or since a fresh machine (`after` null).
// The machine is saved about a second after the keypunch changes, through
// the worker, which a reload does not wait for; these operations are kept
// synchronously when the page may go away, and punched again on top of the
// machine they followed when the page comes back (state.js).
const KEYPUNCH_KEY = "retro1130.ibm1130.keypunch-journal";

export class KeypunchJournal {
  constructor() {
    const kept = readJSON(KEYPUNCH_KEY, null);
    const ok = kept && Array.isArray(kept.ops) && (kept.after === null || Number.isFinite(kept.after));
    this.after = ok ? kept.after : null; // the saved machine's savedAt, null for a fresh machine
    this.ops = ok ? kept.ops.filter((op) => op && op.cmd === "keypunch") : [];
    onLeave(() => this.keep());
  }

  // A keypunch message sent to the worker ({cmd:"keypunch", op, ...}).
  record(msg) {
    if (msg.cmd === "keypunch" && msg.op !== "view") this.ops.push(msg);
  }

  // The machine saved at `savedAt` holds the first `count` operations.
  saved(count, savedAt) {
    this.ops.splice(0, count);
    this.after = savedAt;
    this.keep();
  }

  // The work kept so far, as a copy ({after, ops}): operations recorded
  // later (keys typed meanwhile) do not join it.
  pending() {
    return { after: this.after, ops: this.ops.slice() };
  }

  // A machine was put in place (restored, or fresh: null): the work kept
  // no longer applies to it.
  reset(after) {
    this.after = after;
    this.ops = [];
    this.keep();
  }

  keep() {
    try {
      if (this.ops.length) localStorage.setItem(KEYPUNCH_KEY, JSON.stringify({ after: this.after, ops: this.ops }));
      else localStorage.removeItem(KEYPUNCH_KEY);
    } catch (e) { /* storage denied or full: the next save of the machine keeps the work */ }
  }
}

export const keypunchJournal = new KeypunchJournal();
