// The debugger pane: registers, breakpoints, run to, single step, memory
// with disassembly and EBCDIC, the trace of the last instructions, and
// the devices on the bus with their registers. Disassembly, EBCDIC and
// the device registers come from Python ({cmd:"memory"}, "trace",
// "devices"); this only lays them out and sends the operator's actions.

import { $, hex4, parseHex } from "./page.js";

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

// A device register's value as the debugger shows it: words in hex (the
// decimal value in the tooltip), flags as 1/0, text as it is.
function registerText(value) {
  if (typeof value === "boolean") return value ? "1" : "0";
  if (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0xffff) return hex4(value);
  return value === null || value === "" ? "–" : String(value);
}

export class DebuggerPane {
  // ctx: {send, act, notify, panel (the console's ConsolePanelView), lastSnap()}
  constructor(ctx) {
    this.ctx = ctx;
    this.root = $("#pane-debug");
    this.memAddr = null; // null: follow IAR
    this.regs = $("#dbg-regs");
    this.mem = $("#mem");
    this.trace = $("#trace");
    this.bps = $("#dbg-bps");
    this.devices = $("#dbg-devices");
    this.refreshAt = 0;
    this.wire();
  }

  get visible() {
    return !this.root.hidden;
  }

  async refresh() {
    const send = this.ctx.send;
    const state = await send({ cmd: "state" });
    if (!state.ok) return;
    this.showRegisters(state);
    this.showBreakpoints(state.breakpoints);
    const start = this.memAddr === null ? state.iar : this.memAddr;
    const mem = await send({ cmd: "memory", address: start, count: 20 });
    if (mem.ok) this.showMemory(mem.rows);
    const devices = await send({ cmd: "devices" });
    if (devices.ok) this.showDevices(devices.devices);
    if (state.tracing) {
      const t = await send({ cmd: "trace_get" });
      if (t.ok) this.showTrace(t.trace);
    }
  }

  // A snapshot arrived: while the pane is shown, follow a running CPU
  // (at most ~3 times a second) and show where it stopped.
  onFrame(snap) {
    if (!this.visible) return;
    if (snap.stop || (snap.lamps.run && performance.now() > this.refreshAt)) {
      this.refreshAt = performance.now() + 300;
      this.refresh();
    }
  }

  async stepOnce() {
    const r = await this.ctx.act({ cmd: "step", instructions: 1 });
    if (this.visible) this.refresh();
    return r;
  }

  wire() {
    const { act, notify, panel } = this.ctx;
    $("#dbg-step").addEventListener("click", () => this.stepOnce());
    $("#dbg-run").addEventListener("click", async () => {
      if (panel.mode !== "RUN" && panel.mode !== "INT RUN") await act({ cmd: "mode", mode: "RUN" });
      act({ cmd: "button", name: "start" });
    });
    $("#dbg-stop").addEventListener("click", () => panel.press("imm_stop"));
    $("#dbg-runto-go").addEventListener("click", () => {
      const a = parseHex($("#dbg-runto").value);
      if (a === null) return notify("Run to: give a hex address", true);
      act({ cmd: "run_to", address: a });
    });
    $("#dbg-bp-add").addEventListener("click", async () => {
      const a = parseHex($("#dbg-bp").value);
      if (a === null) return notify("Breakpoint: give a hex address", true);
      await act({ cmd: "breakpoint", address: a, on: true });
      $("#dbg-bp").value = "";
      this.refresh();
    });
    const memGo = () => {
      const t = $("#mem-addr").value.trim();
      this.memAddr = /^iar$/i.test(t) || t === "" ? null : parseHex(t);
      if (t && !/^iar$/i.test(t) && this.memAddr === null) notify("Memory: give a hex address or IAR", true);
      this.refresh();
    };
    $("#mem-go").addEventListener("click", memGo);
    $("#mem-addr").addEventListener("change", memGo);
    const here = () => this.memAddr ?? this.ctx.lastSnap()?.lamps.iar ?? 0;
    $("#mem-up").addEventListener("click", () => { this.memAddr = Math.max(0, here() - 16); this.refresh(); });
    $("#mem-down").addEventListener("click", () => { this.memAddr = (here() + 16) & 0x7fff; this.refresh(); });
    $("#trace-on").addEventListener("change", async (e) => {
      const r = await act({ cmd: "trace", on: e.target.checked });
      if (r.ok) this.showTrace(r.trace);
    });
    $("#dbg-devices-refresh").addEventListener("click", () => this.refresh());
  }

  showRegisters(s) {
    this.regs.textContent = "";
    const rows = [["IAR", hex4(s.iar)], ["ACC", hex4(s.acc)], ["EXT", hex4(s.ext)],
      ["XR1", hex4(s.xr[0])], ["XR2", hex4(s.xr[1])], ["XR3", hex4(s.xr[2])],
      ["Carry", s.carry ? "1" : "0"], ["Overflow", s.overflow ? "1" : "0"],
      ["Wait", s.wait ? "yes" : "no"], ["Level", s.level === null ? "mainline" : String(s.level)],
      ["Switches", hex4(s.switches)], ["Instructions", String(s.instructions)],
      ["Stopped by", s.stop_reason || "–"]];
    for (const [name, value] of rows) {
      const tr = document.createElement("tr");
      tr.id = `reg-${name.toLowerCase()}`;
      cell(tr, name);
      cell(tr, value);
      this.regs.appendChild(tr);
    }
  }

  showBreakpoints(list) {
    this.bps.textContent = "";
    for (const a of list) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "small";
      b.textContent = `${hex4(a)} ✕`;
      b.title = "remove this breakpoint";
      b.addEventListener("click", async () => {
        await this.ctx.send({ cmd: "breakpoint", address: a, on: false });
        this.refresh();
      });
      this.bps.appendChild(b);
    }
  }

  showMemory(rows) {
    this.mem.textContent = "";
    const head = document.createElement("tr");
    for (const h of ["", "Addr", "Words", "Instruction", "EBCDIC"]) cell(head, h).style.color = "#8a94a3";
    this.mem.appendChild(head);
    for (const r of rows) {
      const tr = document.createElement("tr");
      if (r.iar) tr.classList.add("iar");
      if (r.breakpoint) tr.classList.add("bp");
      const bp = cell(tr, r.breakpoint ? "●" : "○", "bpcell");
      bp.title = "toggle a breakpoint here";
      bp.addEventListener("click", async () => {
        await this.ctx.send({ cmd: "breakpoint", address: r.address, on: !r.breakpoint });
        this.refresh();
      });
      cell(tr, hex4(r.address));
      const words = cell(tr, r.words.map(hex4).join(" "), "words");
      words.title = "double-click to change this word";
      words.addEventListener("dblclick", async () => {
        const text = prompt(`New value for ${hex4(r.address)} (hex):`, hex4(r.words[0]));
        if (text === null) return;
        const value = parseHex(text);
        if (value === null) return this.ctx.notify(`“${text}” is not a hex word (0000 to FFFF)`, true);
        const reply = await this.ctx.send({ cmd: "deposit", address: r.address, value });
        if (reply.ok === false) this.ctx.notify(reply.error, true);
        this.refresh();
      });
      cell(tr, r.text);
      cell(tr, r.ebcdic);
      this.mem.appendChild(tr);
    }
  }

  // One row a device: name, area code(s), interrupt level and ILSW bit,
  // then its registers, each NAME value (data-device/data-register name it).
  showDevices(devices) {
    this.devices.textContent = "";
    const head = document.createElement("tr");
    for (const h of ["Device", "Area", "Level", "ILSW", "Registers"]) cell(head, h, "head");
    this.devices.appendChild(head);
    for (const d of devices) {
      const tr = document.createElement("tr");
      tr.dataset.device = d.name;
      cell(tr, d.name);
      cell(tr, d.areas.map((a) => a.toString(16).toUpperCase().padStart(2, "0")).join(" "));
      cell(tr, d.level === null ? "–" : String(d.level));
      cell(tr, d.ilsw_bit ? `bit ${Math.clz32(d.ilsw_bit) - 16}` : "–").title = d.ilsw_bit ? `mask ${hex4(d.ilsw_bit)}` : "";
      const regs = cell(tr, "", "devregs");
      for (const [name, value] of Object.entries(d.registers)) {
        const span = document.createElement("span");
        span.className = "devreg";
        span.dataset.register = name;
        span.textContent = `${name} ${registerText(value)}`;
        if (typeof value === "number") span.title = `${name} = ${value}`;
        regs.appendChild(span);
      }
      this.devices.appendChild(tr);
    }
  }

  showTrace(rows) {
    this.trace.textContent = "";
    for (const r of rows) {
      const li = document.createElement("li");
      li.textContent = `${hex4(r.address)}  ${r.text.padEnd(22)} ACC ${hex4(r.acc)} EXT ${hex4(r.ext)}`;
      this.trace.appendChild(li);
    }
  }
}
