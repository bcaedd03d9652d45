// The debugger pane: registers, breakpoints, memory with disassembly and
// EBCDIC, the trace of the last instructions. Disassembly and EBCDIC come
// from Python ({cmd:"memory"}, {cmd:"trace"}); this only lays them out.

const hex4 = (n) => (n & 0xffff).toString(16).toUpperCase().padStart(4, "0");

function cell(tr, text, cls) {
  const td = document.createElement("td");
  td.textContent = text;
  if (cls) td.className = cls;
  tr.appendChild(td);
  return td;
}

export function parseHex(text) {
  const t = String(text).trim().replace(/^\/|^0x/i, "");
  if (!/^[0-9a-f]{1,4}$/i.test(t)) return null;
  return parseInt(t, 16);
}

export class DebuggerView {
  constructor(root, send, notify) {
    this.root = root;
    this.send = send;
    this.notify = notify;
    this.memAddr = null; // null: follow IAR
    this.regs = root.querySelector("#dbg-regs");
    this.mem = root.querySelector("#mem");
    this.trace = root.querySelector("#trace");
    this.bps = root.querySelector("#dbg-bps");
    this.visible = false;
  }

  async refresh() {
    const state = await this.send({ cmd: "state" });
    if (!state.ok) return;
    this.showRegisters(state);
    this.showBreakpoints(state.breakpoints);
    const start = this.memAddr === null ? state.iar : this.memAddr;
    const mem = await this.send({ cmd: "memory", address: start, count: 20 });
    if (mem.ok) this.showMemory(mem.rows);
    if (state.tracing) {
      const t = await this.send({ cmd: "trace_get" });
      if (t.ok) this.showTrace(t.trace);
    }
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
        await this.send({ cmd: "breakpoint", address: a, on: false });
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
        await this.send({ cmd: "breakpoint", address: r.address, on: !r.breakpoint });
        this.refresh();
      });
      cell(tr, hex4(r.address));
      const words = cell(tr, r.words.map(hex4).join(" "), "words");
      words.title = "double-click to change this word";
      words.addEventListener("dblclick", async () => {
        const text = prompt(`New value for ${hex4(r.address)} (hex):`, hex4(r.words[0]));
        if (text === null) return;
        const value = parseHex(text);
        if (value === null) return this.notify(`“${text}” is not a hex word (0000 to FFFF)`, true);
        const reply = await this.send({ cmd: "deposit", address: r.address, value });
        if (reply.ok === false) this.notify(reply.error, true);
        this.refresh();
      });
      cell(tr, r.text);
      cell(tr, r.ebcdic);
      this.mem.appendChild(tr);
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
