// The printed output on the page: the console printer's paper and the
// 1132 printout pane. Snapshots bring what was printed since the last one
// (machines/ibm1130/web/output.py); printers.js draws it; this wires the
// Tear off and Download buttons of both.

import { ConsolePaper, GreenBar } from "./printers.js";
import { $, download, textBlob } from "./page.js";

export class OutputPane {
  // ctx: {act, sound}
  constructor(ctx) {
    this.ctx = ctx;
    this.consolePaper = new ConsolePaper($("#console-text"), $("#console-paper"), ctx.sound);
    this.greenbar = new GreenBar($("#greenbar"), $("#printer-pages"));
    this.wire("console", "#console-tear", "#console-download", "console-printer.txt", "console_printer", this.consolePaper);
    this.wire("printer", "#printer-tear", "#printer-download", "printout.txt", "printer", this.greenbar);
  }

  // device: the tear_off message's device; field: printer_text's reply field.
  wire(device, tear, save, name, field, paper) {
    $(tear).addEventListener("click", async () => {
      const r = await this.ctx.act({ cmd: "tear_off", device });
      if (r.ok && r.text) download(name, textBlob(r.text));
      paper.clear();
    });
    $(save).addEventListener("click", async () => {
      const r = await this.ctx.act({ cmd: "printer_text" });
      if (r.ok) download(name, textBlob(r[field]));
    });
  }

  // At real speed the console printer types at the Selectric's pace.
  setPaced(on) {
    this.consolePaper.setPaced(on);
  }

  onFrame(snap) {
    if (snap.console) this.consolePaper.apply(snap.console);
    if (snap.printer) this.greenbar.apply(snap.printer);
  }

  clear() {
    this.consolePaper.clear();
    this.greenbar.clear();
  }
}
