// The 1131 console drawn in the DOM: six rows of 16 lamps, the indicator
// lamps, the status lamps, the mode knob, the push buttons and the 16
// console entry switches (reference ibm1130.md 4.11 and 8). It only draws
// snapshots and forwards the operator's actions; the behaviour is in
// machines/ibm1130/panel.py.

export const REGISTERS = [
  ["iar", "IAR"], ["sar", "SAR"], ["sbr", "SBR"], ["afr", "AFR"], ["acc", "ACC"], ["ext", "EXT"],
];
export const MODES = ["SS", "SMC", "INT RUN", "RUN", "SI", "DISP", "LOAD"];
export const BUTTONS = [
  ["start", "PROGRAM START", "", "S"], ["stop", "PROGRAM STOP", "red", "P"], ["imm_stop", "IMM STOP", "red", "Esc"],
  ["reset", "CHECK RESET", "grey", "R"], ["load_iar", "LOAD IAR", "blue", "I"], ["program_load", "PROGRAM LOAD", "blue", "L"],
  ["power", "POWER", "grey", ""], ["lamp_test", "LAMP TEST", "grey", "T"],
];
const STATUS = [
  ["run", "RUN", "green"], ["kb_select", "K.B. SELECT", ""], ["disk_unlock", "DISK UNLOCK", ""],
  ["file_ready", "FILE READY", ""], ["parity_check", "PARITY CHECK", "red"], ["forms_check", "FORMS CHECK", "red"],
  ["power_on", "POWER ON", ""],
];
const DECAY = 0.45; // share of a lamp's glow left after one snapshot (~33 ms): short persistence
const RUN_HOLD_MS = 500; // SIMH keeps RUN lit 0.5 s after a stop

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export class ConsolePanelView {
  constructor(root, act) {
    this.act = act; // act(message) sends through window.retro.send
    this.lampTestHeld = false;
    this.lamps = {}; // register -> [16 lamp elements]
    this.glow = {}; // register -> [16 intensities]
    this.ind = {}; // name -> [elements]
    this.status = {};
    this.switches = 0;
    this.mode = "RUN";
    this.runUntil = 0;
    this.buildRegisters(root.querySelector("#reg-rows"));
    this.buildIndicators(root.querySelector("#indicators"));
    this.buildStatus(root.querySelector("#status-lamps"));
    this.buildKnob(root.querySelector("#knob"));
    this.buildButtons(root.querySelector("#buttons"));
    this.buildSwitches(root.querySelector("#ces"));
    this.hex = root.querySelector("#ces-hex");
    this.cycleName = root.querySelector("#cycle-name");
  }

  buildRegisters(box) {
    for (const [key, name] of REGISTERS) {
      const row = el("div", "reg-row");
      row.id = `lamps-${key}`;
      row.appendChild(el("span", "reg-name", name));
      const lamps = el("div", "lamps");
      this.lamps[key] = [];
      this.glow[key] = new Array(16).fill(0);
      for (let bit = 0; bit < 16; bit++) {
        if (bit && bit % 4 === 0) lamps.appendChild(el("span", "gap"));
        const lamp = el("span", "lamp");
        lamp.dataset.bit = String(bit);
        lamp.title = `${name} bit ${bit}`;
        lamps.appendChild(lamp);
        this.lamps[key].push(lamp);
      }
      row.appendChild(lamps);
      row.setAttribute("aria-label", name);
      box.appendChild(row);
    }
    const labels = el("div", "reg-row");
    labels.appendChild(el("span", "reg-name", ""));
    const l = el("div", "lamps");
    for (let bit = 0; bit < 16; bit++) {
      if (bit && bit % 4 === 0) l.appendChild(el("span", "gap"));
      l.appendChild(el("span", "lamp-label", String(bit)));
    }
    labels.appendChild(l);
    box.appendChild(labels);
  }

  buildIndicators(box) {
    const groups = [
      ["op", "OP", ["0", "1", "2", "3", "4"]],
      ["tag", "TAG", ["1", "2"]],
      ["ccc", "CCC", ["32", "16", "8", "4", "2", "1"]],
      ["levels", "INT LEVEL", ["0", "1", "2", "3", "4", "5"]],
      ["cond", "COND", ["C", "V", "W"]],
    ];
    for (const [key, name, labels] of groups) {
      box.appendChild(el("span", "ind-name", name));
      const row = el("div", "ind-lamps");
      row.id = `ind-${key}`;
      this.ind[key] = labels.map((t) => {
        const lamp = el("span", "lamp", t);
        row.appendChild(lamp);
        return lamp;
      });
      box.appendChild(row);
    }
  }

  buildStatus(box) {
    for (const [key, name, colour] of STATUS) {
      const lamp = el("span", `status-lamp ${colour}`, name);
      lamp.id = `status-${key}`;
      box.appendChild(lamp);
      this.status[key] = lamp;
    }
  }

  buildKnob(box) {
    this.dial = el("button", "knob-dial");
    this.dial.type = "button";
    this.dial.title = "mode switch: click its left half to turn it left, its right half to turn it right (keys , and .)";
    this.dial.setAttribute("aria-label", "turn the mode switch (arrow keys turn it)");
    // A knob turns both ways: the half clicked says which (a keyboard's
    // click, detail 0, has no position: the arrow keys turn it then).
    this.dial.addEventListener("click", (e) => {
      if (e.detail === 0) return;
      const r = this.dial.getBoundingClientRect();
      this.turn(e.clientX < r.left + r.width / 2 ? -1 : 1);
    });
    this.dial.addEventListener("keydown", (e) => {
      const d = { ArrowLeft: -1, ArrowDown: -1, ArrowRight: 1, ArrowUp: 1 }[e.key];
      if (!d) return;
      e.preventDefault();
      e.stopPropagation();
      this.turn(d);
    });
    box.appendChild(this.dial);
    this.positions = {};
    MODES.forEach((mode, i) => {
      const angle = -135 + i * 45; // 45 degrees apart, as on the console
      const rad = (angle * Math.PI) / 180;
      const pos = el("button", "knob-pos", mode);
      pos.type = "button";
      pos.setAttribute("role", "radio");
      pos.dataset.mode = mode;
      pos.style.left = `${85 + 66 * Math.sin(rad)}px`;
      pos.style.top = `${80 - 62 * Math.cos(rad)}px`;
      pos.addEventListener("click", () => this.act({ cmd: "mode", mode }));
      box.appendChild(pos);
      this.positions[mode] = pos;
    });
  }

  turn(direction) {
    const i = MODES.indexOf(this.mode);
    const next = MODES[Math.max(0, Math.min(MODES.length - 1, i + direction))];
    if (next !== this.mode) this.act({ cmd: "mode", mode: next });
  }

  buildButtons(box) {
    this.buttons = {};
    for (const [name, label, colour, key] of BUTTONS) {
      const b = el("button", `cbtn ${colour}`, label);
      b.type = "button";
      b.id = `btn-${name}`;
      if (key) b.title = `key ${key}`;
      if (name === "lamp_test") this.wireLampTest(b);
      else b.addEventListener("click", () => this.press(name));
      box.appendChild(b);
      this.buttons[name] = b;
    }
  }

  // LAMP TEST is momentary: the lamps light while it is held (pointer or
  // the T key), and show the machine again when it is let go.
  wireLampTest(b) {
    b.title = "hold it down (or hold the T key): every lamp lights";
    b.setAttribute("aria-pressed", "false");
    const release = () => this.holdLampTest(false);
    b.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      b.setPointerCapture?.(e.pointerId);
      this.holdLampTest(true);
    });
    for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) b.addEventListener(type, release);
    b.addEventListener("contextmenu", (e) => e.preventDefault()); // a long touch is a hold, not a menu
    b.addEventListener("click", (e) => {
      if (e.detail !== 0) return; // a keyboard's click: hold it for a moment
      this.holdLampTest(true);
      setTimeout(release, 600);
    });
    window.addEventListener("blur", release);
  }

  holdLampTest(down) {
    const b = this.buttons.lamp_test;
    if (this.lampTestHeld === down) return null;
    this.lampTestHeld = down;
    b.classList.toggle("held", down);
    b.setAttribute("aria-pressed", String(down));
    return this.act({ cmd: "button", name: "lamp_test", down });
  }

  press(name) {
    const b = this.buttons[name];
    if (b) {
      b.classList.add("pressed");
      setTimeout(() => b.classList.remove("pressed"), 120);
    }
    return this.act({ cmd: "button", name });
  }

  buildSwitches(box) {
    this.ces = [];
    for (let bit = 0; bit < 16; bit++) {
      const s = el("button", "ces-switch");
      s.type = "button";
      s.id = `ces-${bit}`;
      s.setAttribute("aria-pressed", "false");
      s.setAttribute("aria-label", `entry switch ${bit}`);
      s.appendChild(el("span", "lever"));
      s.appendChild(el("span", "", String(bit)));
      s.addEventListener("click", () => this.flip(bit));
      box.appendChild(s);
      this.ces.push(s);
    }
  }

  flip(bit) {
    return this.setSwitches(this.switches ^ (0x8000 >> bit));
  }

  setSwitches(value) {
    this.showSwitches(value & 0xffff);
    return this.act({ cmd: "switches", value: value & 0xffff });
  }

  showSwitches(value) {
    this.switches = value;
    this.ces.forEach((s, bit) => s.setAttribute("aria-pressed", String(!!(value & (0x8000 >> bit)))));
    this.hex.textContent = value.toString(16).toUpperCase().padStart(4, "0");
  }

  // One snapshot from the worker: glow = lit counts over `samples` samples.
  update(snap) {
    const lamps = snap.lamps;
    const samples = snap.samples || 1;
    for (const [key] of REGISTERS) {
      const counts = snap.glow && snap.glow[key];
      const value = lamps[key];
      const g = this.glow[key];
      const els = this.lamps[key];
      for (let bit = 0; bit < 16; bit++) {
        const now = counts ? counts[bit] / samples : (value & (0x8000 >> bit) ? 1 : 0);
        const shown = Math.max(now, g[bit] * DECAY);
        g[bit] = shown;
        const lamp = els[bit];
        const on = !!(value & (0x8000 >> bit));
        lamp.classList.toggle("on", on);
        lamp.dataset.on = on ? "1" : "0";
        lamp.style.background = shown > 0.02 ? `rgba(255, 224, 138, ${(0.15 + 0.85 * shown).toFixed(2)})` : "";
        lamp.style.boxShadow = shown > 0.3 ? `0 0 ${Math.round(8 * shown)}px rgba(255, 210, 110, ${(0.7 * shown).toFixed(2)})` : "";
      }
    }
    const bits = (value, n) => Array.from({ length: n }, (_, i) => !!(value & (1 << (n - 1 - i))));
    this.setInd("op", bits(lamps.op, 5));
    this.setInd("tag", bits(lamps.tag, 2));
    this.setInd("ccc", bits(lamps.ccc, 6));
    // Interrupt levels glow too: a level in service for part of a frame shows.
    const lc = snap.glow && snap.glow.levels;
    this.levelGlow = (this.levelGlow || new Array(6).fill(0)).map((g, i) =>
      Math.max(lc ? lc[i] / samples : lamps.levels[i] ? 1 : 0, g * DECAY));
    this.ind.levels.forEach((lamp, i) => {
      const g = this.levelGlow[i];
      lamp.classList.toggle("on", !!lamps.levels[i] || g > 0.25);
      lamp.style.opacity = lamps.levels[i] || g <= 0.02 ? "" : String(0.45 + 0.55 * Math.min(1, g * 2));
    });
    this.setInd("cond", [lamps.carry, lamps.overflow, lamps.wait]);
    const t = performance.now();
    if (lamps.run) this.runUntil = t + RUN_HOLD_MS;
    for (const [key] of STATUS) {
      const on = key === "run" ? lamps.run || t < this.runUntil : !!lamps[key];
      this.status[key].classList.toggle("on", on);
    }
    if (lamps.mode !== this.mode) this.showMode(lamps.mode);
    this.cycleName.textContent = lamps.cycle || "";
  }

  setInd(key, values) {
    this.ind[key].forEach((lamp, i) => lamp.classList.toggle("on", !!values[i]));
  }

  showMode(mode) {
    this.mode = mode;
    const i = MODES.indexOf(mode);
    this.dial.style.transform = `rotate(${-135 + i * 45}deg)`;
    for (const [m, pos] of Object.entries(this.positions)) pos.setAttribute("aria-checked", String(m === mode));
  }
}
