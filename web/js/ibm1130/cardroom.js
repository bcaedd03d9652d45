// The Card room pane: the 029 keypunch desk (buttons, program drum, the
// deck pager, paste and drop, downloads), the 1442's hopper and stacker,
// and the disk drive. The 029 and the decks are in Python
// ({cmd:"keypunch"}, "reader", "deck_export", ...; machines/ibm1130/web/
// cardroom.py); keypunch.js draws the cards.

import { KeypunchView, drawCard } from "./keypunch.js";
import { $, addOption, download, dropZone, fetchOptional, fileInput, fromBase64, plural, textBlob, toBase64 } from "./page.js";
import { keypunchJournal } from "./work.js";

// The file's bytes: Python tells binary card images by the name (.bin) or
// by content, as SIMH does, and reads ASCII decks as UTF-8 or Latin-1.
async function deckPayload(file) {
  return { deck_b64: toBase64(new Uint8Array(await file.arrayBuffer())), name: file.name };
}

async function textOf(file) {
  if (file.size > 2_000_000) throw new Error(`${file.name} is too big to punch`);
  return file.text();
}

const binaryBlob = (b64) => new Blob([fromBase64(b64)], { type: "application/octet-stream" });

export class CardRoomPane {
  // ctx: {send, act(msg, where), notify(text, bad, where), request (a raw
  // worker request), sound, retro, toEditor(text, name)}. Every result and
  // refusal is shown where the operator acted (the punch station, the deck
  // row, the 1442, the disk drive), not at the top of the page.
  constructor(ctx) {
    this.ctx = ctx;
    this.keypunch = new KeypunchView($("#card"), (msg) => this.kpAct(msg), ctx.sound);
    this.lastReader = null;
    this.lastDiskReady = null;
    this.wireKeypunch();
    this.wireTyping();
    this.wireReader();
    this.wireDisk();
  }

  // A keypunch message; the reply is the desk's view, drawn at once. Its
  // refusals show at `where` (by default the punch station).
  async kpAct(msg, where = $("#card-box")) {
    keypunchJournal.record(msg); // kept until the machine is saved with it (state.js)
    const r = await this.ctx.send(msg);
    if (r.ok === false && r.error) this.ctx.notify(r.error, true, where);
    if (r.column !== undefined) this.showKeypunch(r);
    return r;
  }

  view() {
    this.showDisks();
    return this.kpAct({ cmd: "keypunch", op: "view", page: this.keypunch.page });
  }

  // The cartridge on drive 0, read from the machine (a restored state
  // brings its own).
  async showDisks() {
    const r = await this.ctx.send({ cmd: "disks" });
    if (r.ok) $("#disk-name").textContent = r.drives[0].cartridge || "none";
  }

  // A key typed while the punch station has the focus; true when it was for the punch.
  key(e) {
    return this.keypunch.key(e);
  }

  // A card wider than its box (a phone) scrolls to keep the punch column
  // in the middle of the view.
  followColumn(column) {
    const box = $("#card-scroll");
    if (box.scrollWidth <= box.clientWidth + 1) return;
    const canvas = $("#card");
    const x = ((20 + (Math.min(column, 80) - 0.5) * ((canvas.width - 40) / 80)) / canvas.width) * canvas.clientWidth;
    box.scrollLeft = Math.max(0, x - box.clientWidth / 2);
  }

  focusPunch() {
    $("#kp-type").focus({ preventScroll: true });
  }

  showKeypunch(v) {
    this.keypunch.draw(v);
    this.followColumn(v.column);
    $("#kp-col").textContent = v.column > 80 ? "end" : v.column;
    $("#kp-deck-size").textContent = plural(v.deck_size, "card");
    const f = v.field;
    $("#kp-field").textContent = f ? `field ${f.start}-${f.end}${f.skip ? " skip" : ""}${f.duplicate ? " dup" : ""}${f.alphabetic ? " alpha" : " numeric"}` : (v.program ? "" : "program drum off");
    if (v.page) {
      this.keypunch.page = v.page.index;
      $("#kp-page").textContent = `card ${v.page.index + 1} of ${v.deck_size}`;
      $("#kp-page-text").textContent = v.page.text;
      drawCard($("#deck-card"), { card: v.page.columns, printed: v.page.text, column: 81 });
    } else {
      $("#kp-page").textContent = v.deck_size ? "–" : "empty";
      $("#kp-page-text").textContent = "";
      drawCard($("#deck-card"), { card: null }, v.deck_size ? "◀ ▶ page through the deck" : "The deck is empty");
    }
    this.ctx.retro.keypunch = v;
  }

  // The 1442's counts from a snapshot: the hopper and stacker drawn, the
  // feed sound and animation when a card was read; the drive's cartridge
  // named again when its readiness changed (a mount, a restored state).
  onFrame(snap) {
    if (snap.disk && snap.disk.ready !== this.lastDiskReady) {
      this.lastDiskReady = snap.disk.ready;
      this.showDisks();
    }
    const r = snap.reader;
    const last = this.lastReader;
    if (last && r.hopper === last.hopper && r.read === last.read && r.punched === last.punched) return;
    if (last && r.read > last.read) {
      this.ctx.sound.cardFeed();
      const stacker = $("#stacker-stack");
      stacker.classList.remove("feeding");
      void stacker.offsetWidth; // restart the animation
      stacker.classList.add("feeding");
    }
    $("#hopper-n").textContent = r.hopper;
    $("#read-n").textContent = r.read;
    $("#punched-n").textContent = r.punched;
    $("#hopper-stack").style.height = `${Math.min(56, r.hopper / 4)}px`;
    $("#stacker-stack").style.height = `${Math.min(56, (r.read + r.punched) / 4)}px`;
    this.lastReader = r;
  }

  async exportDeck(source, format, name, where) {
    const r = await this.ctx.act({ cmd: "deck_export", source, format }, where);
    if (!r.ok) return;
    download(name, format === "binary" ? binaryBlob(r.b64) : textBlob(r.text));
  }

  wireKeypunch() {
    const kp = this.keypunch;
    const { act, notify } = this.ctx;
    const deckRow = $("#keypunch .deck-row");
    for (const b of document.querySelectorAll("[data-kp]")) {
      b.addEventListener("click", () => {
        this.kpAct({ cmd: "keypunch", op: b.dataset.kp, page: kp.page });
        this.focusPunch();
      });
    }
    $("#kp-multi").addEventListener("click", () => {
      const on = $("#kp-multi").getAttribute("aria-pressed") !== "true";
      $("#kp-multi").setAttribute("aria-pressed", String(on));
      kp.setMulti(on);
      this.focusPunch();
    });
    const drum = $("#kp-program").closest(".toolbar");
    $("#kp-program-set").addEventListener("click", () => this.kpAct({ cmd: "keypunch", op: "program", text: $("#kp-program").value, page: kp.page }, drum));
    const page = (d) => this.kpAct({ cmd: "keypunch", op: "view", page: Math.max(0, (kp.page ?? -1) + d) }, deckRow);
    $("#kp-prev").addEventListener("click", () => page(-1));
    $("#kp-next").addEventListener("click", () => page(1));
    $("#kp-delete").addEventListener("click", () => {
      if (kp.page !== null) this.kpAct({ cmd: "keypunch", op: "delete_card", index: kp.page, page: kp.page }, deckRow);
    });
    $("#kp-dl-text").addEventListener("click", () => this.exportDeck(undefined, "text", "deck.txt", deckRow));
    $("#kp-dl-bin").addEventListener("click", () => this.exportDeck(undefined, "binary", "deck.bin", deckRow));
    fileInput($("#kp-load"), async (file) => this.kpAct({ cmd: "keypunch", op: "load_deck", ...(await deckPayload(file)), page: 0 }, deckRow));
    $("#kp-to-reader").addEventListener("click", async () => {
      const r = await act({ cmd: "deck_to_reader" }, deckRow);
      if (r.ok) notify(`${plural(r.cards, "card")} in the 1442 hopper (${r.hopper} in all)`, false, deckRow);
    });
    $("#kp-to-editor").addEventListener("click", async () => {
      const r = await act({ cmd: "deck_source" }, deckRow);
      if (r.ok) this.ctx.toEditor(r.text, "keypunch-deck.asm");
    });
  }

  // The punch station is a text field (#kp-type over the card), so a
  // phone opens its keyboard. A physical keyboard's keys arrive as keydown
  // (console.js hands them to key()); what a virtual keyboard or an input
  // method types arrives as input and is punched from the field, which is
  // then emptied. Paste punches the clipboard whenever the punch station
  // has the focus, wherever the page's selection is, or says why not.
  wireTyping() {
    const field = $("#kp-type");
    const kp = this.keypunch;
    const where = $("#card-box");
    const flush = () => {
      const text = field.value;
      field.value = "";
      if (text) kp.typeText(text);
    };
    field.addEventListener("beforeinput", (e) => {
      if (e.inputType === "insertLineBreak" || e.inputType === "insertParagraph") {
        e.preventDefault();
        flush();
        kp.typeText("\n");
      } else if (e.inputType === "deleteContentBackward" && !field.value) {
        e.preventDefault();
        kp.act({ cmd: "keypunch", op: "backspace", page: kp.page });
      }
    });
    field.addEventListener("input", (e) => {
      if (!e.isComposing) flush();
    });
    field.addEventListener("compositionend", flush);
    document.addEventListener("paste", (e) => {
      if (document.activeElement !== field) return;
      e.preventDefault();
      const text = e.clipboardData ? e.clipboardData.getData("text/plain") : "";
      if (!text) {
        this.ctx.notify("Nothing to punch: the clipboard holds no text", true, where);
        return;
      }
      this.kpAct({ cmd: "keypunch", op: "paste", text, name: "pasted text", page: kp.page }).then((r) => {
        const cards = text.replace(/\r?\n$/, "").split(/\r?\n/).length;
        if (r.ok !== false) this.ctx.notify(`Punched ${plural(cards, "card")} from the clipboard`, false, where);
      });
    });
    dropZone(where, async (file) => this.kpAct({ cmd: "keypunch", op: "paste", text: await textOf(file), name: file.name, page: kp.page }), this.ctx.notify);
  }

  async readerLoad(file) {
    const where = $("#reader-1442 .toolbar");
    const r = await this.ctx.act({ cmd: "reader", ...(await deckPayload(file)) }, where);
    if (r.ok) this.ctx.notify([`${file.name}: ${plural(r.cards, "card")} in the 1442 hopper`, ...(r.warnings || [])].join("; "), false, where);
    return r;
  }

  wireReader() {
    const { act } = this.ctx;
    const where = $("#reader-1442 .toolbar");
    const notify = (text, bad) => this.ctx.notify(text, bad, where);
    fileInput($("#reader-file"), (file) => this.readerLoad(file));
    dropZone($("#reader-1442"), (file) => this.readerLoad(file), this.ctx.notify);
    $("#reader-server").addEventListener("click", async () => {
      const url = $("#reader-list").value;
      if (!url) return notify("Choose a deck from the list first (the server lists them when started with --data)", true);
      const res = await fetch(url);
      if (!res.ok) return notify(`${url}: the server answered ${res.status}`, true);
      this.readerLoad(new File([await res.blob()], decodeURIComponent(url.split("/").pop())));
    });
    $("#reader-clear").addEventListener("click", async () => {
      const r = await act({ cmd: "reader_clear" }, where);
      if (r.ok) notify("The 1442 hopper is empty");
    });
    $("#stacker-dl-text").addEventListener("click", () => this.exportDeck("stacker", "text", "punched.txt", where));
    $("#stacker-dl-bin").addEventListener("click", () => this.exportDeck("stacker", "binary", "punched.bin", where));
  }

  async mountDisk(spec) {
    const where = $("#disk-2310 .toolbar");
    this.ctx.notify("Mounting the cartridge…", false, where);
    // The worker fetches relative to its own script: give it the page's URL.
    if (spec.url) spec = { ...spec, url: new URL(spec.url, location.href).href };
    const r = await this.ctx.act({ cmd: "mount", ...spec }, where);
    if (r.ok) {
      $("#disk-name").textContent = r.mounted;
      this.ctx.notify(`${r.mounted} is mounted on drive ${r.drive}: FILE READY`, false, where);
    }
    return r;
  }

  wireDisk() {
    const { act } = this.ctx;
    const where = $("#disk-2310 .toolbar");
    const notify = (text, bad) => this.ctx.notify(text, bad, where);
    const mountFile = async (file) => this.mountDisk({ bytes: new Uint8Array(await file.arrayBuffer()), name: file.name });
    $("#disk-mount").addEventListener("click", async () => {
      const url = $("#disk-list").value;
      if (!url) return notify("Choose a cartridge from the list first (the server lists them when started with --data)", true);
      this.mountDisk({ url, name: decodeURIComponent(url.split("/").pop()) });
    });
    fileInput($("#disk-file"), mountFile);
    dropZone($("#disk-2310"), mountFile, this.ctx.notify);
    $("#disk-unmount").addEventListener("click", async () => {
      const r = await act({ cmd: "unmount" }, where);
      if (r.ok) {
        $("#disk-name").textContent = "none";
        notify("The cartridge is out: DISK UNLOCK");
      }
    });
    $("#disk-download").addEventListener("click", async () => {
      const r = await this.ctx.request({ cmd: "disk_image" });
      if (!r.bytes || !r.bytes.length) return notify("No cartridge is mounted", true);
      download("cartridge.dsk", new Blob([r.bytes], { type: "application/octet-stream" }));
    });
  }

  // The decks and cartridges the server offers (build.py serve --data).
  async listServer() {
    const body = await fetchOptional("data/index.json");
    if (!body) return; // the server has no --data
    const files = Array.isArray(body) ? body : body.files || [];
    for (const f of files) {
      if (/\.(bin|job|deck|txt)$/i.test(f) && !/readme/i.test(f)) addOption($("#reader-list"), `data/${f}`, f);
      if (/\.dsk$/i.test(f)) addOption($("#disk-list"), `data/${f}`, f);
    }
    this.ctx.retro.serverDisks = files.filter((f) => /\.dsk$/i.test(f));
  }
}
