// The Card room pane: the 029 keypunch desk (buttons, program drum, the
// deck pager, paste and drop, downloads), the 1442's hopper and stacker,
// and the disk drive. The 029 and the decks are in Python
// ({cmd:"keypunch"}, "reader", "deck_export", ...; machines/ibm1130/web/
// cardroom.py); keypunch.js draws the cards.

import { KeypunchView, drawCard } from "./keypunch.js";
import { $, addOption, download, dropZone, fetchOptional, fileInput, fromBase64, textBlob, toBase64 } from "./page.js";

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
  // ctx: {send, act, notify, request (a raw worker request), sound, retro, toEditor(text, name)}
  constructor(ctx) {
    this.ctx = ctx;
    this.keypunch = new KeypunchView($("#card"), (msg) => this.kpAct(msg), ctx.sound);
    this.lastReader = null;
    this.wireKeypunch();
    this.wireReader();
    this.wireDisk();
  }

  // A keypunch message; the reply is the desk's view, drawn at once.
  async kpAct(msg) {
    const r = await this.ctx.send(msg);
    if (r.ok === false && r.error) this.ctx.notify(r.error, true);
    if (r.column !== undefined) this.showKeypunch(r);
    return r;
  }

  view() {
    return this.kpAct({ cmd: "keypunch", op: "view", page: this.keypunch.page });
  }

  // A key typed while the card box has the focus; true when it was for the punch.
  key(e) {
    return this.keypunch.key(e);
  }

  showKeypunch(v) {
    this.keypunch.draw(v);
    $("#kp-col").textContent = v.column > 80 ? "end" : v.column;
    $("#kp-deck-size").textContent = v.deck_size;
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
  // feed sound and animation when a card was read.
  onFrame(snap) {
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

  async exportDeck(source, format, name) {
    const r = await this.ctx.act({ cmd: "deck_export", source, format });
    if (!r.ok) return;
    download(name, format === "binary" ? binaryBlob(r.b64) : textBlob(r.text));
  }

  wireKeypunch() {
    const kp = this.keypunch;
    const { act, notify } = this.ctx;
    for (const b of document.querySelectorAll("[data-kp]")) {
      b.addEventListener("click", () => {
        this.kpAct({ cmd: "keypunch", op: b.dataset.kp, page: kp.page });
        $("#card-box").focus();
      });
    }
    $("#card-box").addEventListener("click", () => $("#card-box").focus());
    $("#kp-multi").addEventListener("click", () => {
      const on = $("#kp-multi").getAttribute("aria-pressed") !== "true";
      $("#kp-multi").setAttribute("aria-pressed", String(on));
      kp.setMulti(on);
      $("#card-box").focus();
    });
    $("#card-box").addEventListener("paste", (e) => {
      const text = e.clipboardData.getData("text");
      e.preventDefault();
      if (text) this.kpAct({ cmd: "keypunch", op: "paste", text, name: "pasted text", page: kp.page });
    });
    $("#kp-program-set").addEventListener("click", () => this.kpAct({ cmd: "keypunch", op: "program", text: $("#kp-program").value, page: kp.page }));
    const page = (d) => this.kpAct({ cmd: "keypunch", op: "view", page: Math.max(0, (kp.page ?? -1) + d) });
    $("#kp-prev").addEventListener("click", () => page(-1));
    $("#kp-next").addEventListener("click", () => page(1));
    $("#kp-delete").addEventListener("click", () => {
      if (kp.page !== null) this.kpAct({ cmd: "keypunch", op: "delete_card", index: kp.page, page: kp.page });
    });
    $("#kp-dl-text").addEventListener("click", () => this.exportDeck(undefined, "text", "deck.txt"));
    $("#kp-dl-bin").addEventListener("click", () => this.exportDeck(undefined, "binary", "deck.bin"));
    fileInput($("#kp-load"), async (file) => this.kpAct({ cmd: "keypunch", op: "load_deck", ...(await deckPayload(file)), page: 0 }));
    $("#kp-to-reader").addEventListener("click", async () => {
      const r = await act({ cmd: "deck_to_reader" });
      if (r.ok) notify(`${r.cards} cards in the 1442 hopper (${r.hopper} in all)`);
    });
    $("#kp-to-editor").addEventListener("click", async () => {
      const r = await act({ cmd: "deck_source" });
      if (r.ok) this.ctx.toEditor(r.text, "keypunch-deck.asm");
    });
    dropZone($("#card-box"), async (file) => this.kpAct({ cmd: "keypunch", op: "paste", text: await textOf(file), name: file.name, page: kp.page }), notify);
  }

  async readerLoad(file) {
    const r = await this.ctx.act({ cmd: "reader", ...(await deckPayload(file)) });
    if (r.ok) this.ctx.notify([`${file.name}: ${r.cards} cards in the 1442 hopper`, ...(r.warnings || [])].join("; "));
    return r;
  }

  wireReader() {
    const { act, notify } = this.ctx;
    fileInput($("#reader-file"), (file) => this.readerLoad(file));
    dropZone($("#reader-1442"), (file) => this.readerLoad(file), notify);
    $("#reader-server").addEventListener("click", async () => {
      const url = $("#reader-list").value;
      if (!url) return notify("Choose a deck from the list first (the server lists them when started with --data)", true);
      const res = await fetch(url);
      if (!res.ok) return notify(`${url}: the server answered ${res.status}`, true);
      this.readerLoad(new File([await res.blob()], url.split("/").pop()));
    });
    $("#reader-clear").addEventListener("click", () => act({ cmd: "reader_clear" }));
    $("#stacker-dl-text").addEventListener("click", () => this.exportDeck("stacker", "text", "punched.txt"));
    $("#stacker-dl-bin").addEventListener("click", () => this.exportDeck("stacker", "binary", "punched.bin"));
  }

  async mountDisk(spec) {
    this.ctx.notify("Mounting the cartridge…");
    // The worker fetches relative to its own script: give it the page's URL.
    if (spec.url) spec = { ...spec, url: new URL(spec.url, location.href).href };
    const r = await this.ctx.act({ cmd: "mount", ...spec });
    if (r.ok) {
      $("#disk-name").textContent = r.mounted;
      this.ctx.notify(`${r.mounted} is mounted on drive ${r.drive}: FILE READY`);
    }
    return r;
  }

  wireDisk() {
    const { act, notify } = this.ctx;
    const mountFile = async (file) => this.mountDisk({ bytes: new Uint8Array(await file.arrayBuffer()), name: file.name });
    $("#disk-mount").addEventListener("click", async () => {
      const url = $("#disk-list").value;
      if (!url) return notify("Choose a cartridge from the list first (the server lists them when started with --data)", true);
      this.mountDisk({ url });
    });
    fileInput($("#disk-file"), mountFile);
    dropZone($("#disk-2310"), mountFile, notify);
    $("#disk-unmount").addEventListener("click", async () => {
      const r = await act({ cmd: "unmount" });
      if (r.ok) $("#disk-name").textContent = "none";
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
